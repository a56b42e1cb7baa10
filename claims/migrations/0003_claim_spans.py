"""Claims carry the character spans they are built from and their sentence's span; old rows get [[start, end]]."""

from django.db import migrations, models


def fill_old_rows(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    batch = []
    for claim in Claim.objects.filter(sentence_start__isnull=True).only("id", "start", "end").iterator(chunk_size=2000):
        claim.spans = [[claim.start, claim.end]]
        claim.sentence_start = claim.start
        claim.sentence_end = claim.end
        batch.append(claim)
        if len(batch) >= 2000:
            Claim.objects.bulk_update(batch, ["spans", "sentence_start", "sentence_end"])
            batch = []
    if batch:
        Claim.objects.bulk_update(batch, ["spans", "sentence_start", "sentence_end"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles_and_default_scale")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="spans",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The [start, end] character ranges the claim is built from (subject and predicate when "
                "apart); start/end is their hull.",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="sentence_start",
            field=models.PositiveIntegerField(blank=True, help_text="Offset of the claim's sentence.", null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="sentence_end",
            field=models.PositiveIntegerField(blank=True, help_text="Offset just past its sentence.", null=True),
        ),
        migrations.RunPython(fill_old_rows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(sentence_start__isnull=True)
                | (models.Q(sentence_start__lte=models.F("start")) & models.Q(sentence_end__gte=models.F("end"))),
                name="claim_inside_its_sentence",
            ),
        ),
    ]
