"""``python manage.py train_checkworthy [--if-data] [--skip-existing]``: train the check-worthiness model into var/.

The labelled sentences (``ct24_en_train.json``, CheckThat! 2024 / ClaimBuster) carry no licence that allows
shipping weights trained on them, so the model is trained on each machine at setup time and never committed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import learned
from claims.extraction.checkworthiness import training_features

TRAIN_FILE = "ct24_en_train.json"


class Command(BaseCommand):
    help = "Train the English check-worthiness model from labelled sentences into CHECKWORTHY_MODEL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=None, help="folder holding ct24_en_train.json")
        parser.add_argument("--out", type=Path, default=None, help="model file (default: CHECKWORTHY_MODEL)")
        parser.add_argument("--if-data", action="store_true", help="do nothing (exit 0) when the data is absent")
        parser.add_argument("--skip-existing", action="store_true", help="keep a model already trained")

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir: Path = options["data"] or settings.CHECKWORTHY_DATA_DIR
        out: Path = options["out"] or settings.CHECKWORTHY_MODEL
        train = data_dir / TRAIN_FILE
        if options["skip_existing"] and out.is_file():
            self.stdout.write(f"check-worthiness model already at {out}")
            return
        if not train.is_file():
            message = f"no training data at {train}: English claims will be scored by the rules"
            if options["if_data"]:
                self.stdout.write(message)
                return
            raise CommandError(message)
        started = time.perf_counter()
        texts, labels = learned.load_rows(train)
        model = learned.train_model(
            texts,
            labels,
            training_features,
            about={"trained_on": f"{TRAIN_FILE} (CheckThat! 2024 English, ClaimBuster)"},
        )
        learned.save(model, out)
        self.stdout.write(
            f"trained on {len(texts)} sentences in {time.perf_counter() - started:.0f} s: threshold "
            f"{model.threshold:.2f}, out-of-fold F1 {model.about['oof_f1']:.3f}, saved to {out}"
        )
