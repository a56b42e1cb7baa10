"""The learned check-worthiness model: trained from labelled sentences, stored as JSON, calibrated, with reasons;
the rule scorer when it is absent. Trained here on a small made-up set (never on ../shared data)."""

from __future__ import annotations

import json
import logging
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import extract, learned
from claims.extraction import reasons as R
from claims.extraction.checkworthiness import score_claim, training_features

WORTHY = [
    "Unemployment rose to {n} percent last year.",
    "The state spent {n} million dollars on prisons in 2019.",
    "We have lost {n} thousand manufacturing jobs since 2008.",
    "The deficit doubled to {n} billion dollars under this administration.",
    "Crime in our cities fell by {n} percent over the last decade.",
]
NOT_WORTHY = [
    "Thank you very much, it is great to be here tonight number {n}.",
    "I think we need to do better for our children, {n} times over.",
    "Well, let me say this to you, my friend number {n}.",
    "Good evening and welcome to the debate {n}.",
    "What would you do about that, senator {n}?",
]


def _rows() -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for n in range(2, 14):
        texts += [t.format(n=n) for t in WORTHY] + [t.format(n=n) for t in NOT_WORTHY]
        labels += [1] * len(WORTHY) + [0] * len(NOT_WORTHY)
    return texts, labels


@pytest.fixture(scope="module")
def model() -> learned.Model:
    texts, labels = _rows()
    return learned.train_model(texts, labels, training_features, about={"trained_on": "test sentences"})


@pytest.fixture
def use_model(model: learned.Model) -> Any:
    learned.set_model(model)
    yield model
    learned.configure(None)


def test_model_separates_the_classes_with_calibrated_probabilities(model: learned.Model) -> None:
    worthy = "Unemployment rose to 7 percent in 2012."
    chatter = "Thank you very much, it is great to be here tonight."
    p_worthy = model.probability(worthy, training_features(worthy))
    p_chatter = model.probability(chatter, training_features(chatter))
    assert 0.0 <= p_chatter < model.threshold <= p_worthy <= 1.0
    assert 0.2 <= model.threshold <= 0.8


def test_model_round_trips_through_json(model: learned.Model, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    learned.save(model, path)
    again = learned.Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    text = "The deficit doubled to 9 billion dollars."
    assert again.probability(text, training_features(text)) == pytest.approx(
        model.probability(text, training_features(text)), abs=1e-4
    )


def test_a_model_file_of_another_version_is_refused(model: learned.Model) -> None:
    data = model.to_json()
    data["version"] = 99
    with pytest.raises(ValueError):
        learned.Model.from_json(data)


def test_english_claims_are_scored_by_the_model_with_reasons(use_model: learned.Model) -> None:
    claim = extract("Unemployment rose to 7 percent in 2012.", language="en").claims[0]
    assert claim.checkworthy
    assert R.LEARNED_SCORE in R.codes(claim.reasons)
    assert R.reason(R.FIGURES, figures=["7 percent"]) in claim.reasons  # the rule reasons stay for the reviewer
    assert claim.score >= use_model.threshold


def test_boilerplate_stays_out_whatever_the_model_says(use_model: learned.Model) -> None:
    scored = score_claim("Subscribe to our newsletter for 7 percent off in 2012.", entities=[], dates=[],
                         numbers=[{"text": "7 percent"}], attribution=None, language="en")  # fmt: skip
    assert not scored.checkworthy and scored.score <= 0.05


def test_french_is_scored_by_the_rules(use_model: learned.Model) -> None:
    claim = extract("Le chômage a atteint 7,4 % en 2024 selon l'Insee.", language="fr").claims[0]
    assert claim.checkworthy
    assert R.LEARNED_SCORE not in R.codes(claim.reasons)


def test_missing_model_falls_back_to_the_rules_with_a_notice(tmp_path: Path, caplog: Any) -> None:
    learned.configure(tmp_path / "absent.json")
    try:
        with caplog.at_level(logging.WARNING, logger="claims.extraction.learned"):
            claim = extract("Unemployment rose to 7 percent in 2012.", language="en").claims[0]
        assert "scored by the rules" in caplog.text
        assert claim.checkworthy and R.LEARNED_SCORE not in R.codes(claim.reasons)
    finally:
        learned.configure(None)


def test_train_command_writes_the_model_from_the_data_dir(tmp_path: Path) -> None:
    texts, labels = _rows()
    data = tmp_path / "data"
    data.mkdir()
    rows = [
        {"id": str(i), "lang": "en", "text": t, "label": y} for i, (t, y) in enumerate(zip(texts, labels, strict=True))
    ]
    (data / "ct24_en_train.json").write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "models" / "cw.json"
    stdout = StringIO()
    call_command("train_checkworthy", "--data", str(data), "--out", str(out), stdout=stdout)
    assert "trained on 120 sentences" in stdout.getvalue()
    assert learned.Model.from_json(json.loads(out.read_text(encoding="utf-8"))).about["trained_on"].startswith("ct24")
    call_command("train_checkworthy", "--data", str(data), "--out", str(out), "--skip-existing", stdout=stdout)
    assert "already at" in stdout.getvalue()


def test_train_command_without_data(tmp_path: Path) -> None:
    stdout = StringIO()
    call_command("train_checkworthy", "--data", str(tmp_path), "--out", str(tmp_path / "m.json"), "--if-data",
                 stdout=stdout)  # fmt: skip
    assert "no training data" in stdout.getvalue() and not (tmp_path / "m.json").exists()
    with pytest.raises(CommandError):
        call_command("train_checkworthy", "--data", str(tmp_path), "--out", str(tmp_path / "m.json"))
