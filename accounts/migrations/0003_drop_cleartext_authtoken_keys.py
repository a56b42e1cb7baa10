"""DRF's authtoken stored keys in clear; they cannot become hashed tokens, so the table goes.

Tools must get a new token (profile page, POST /api/v1/tokens/ or manage.py create_api_token).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_admin_role_manages_tokens")]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop)]
