"""Fit the document answers' confidence on the tuning questions: `python -m bench.calibrate`.

For every tuning question answered from the documents (or that must be declined) the bot's
best passage is scored on the features `dialogs.questions.documents.confidence` uses, and
labelled right when the passage (with the sentence after it) holds the expected answer. A
logistic regression on those labels gives the weights to paste into `CONFIDENCE_WEIGHTS`;
five-fold cross-validation shows what each threshold would answer, get wrong and decline.
Never run on the test or blind sets: they would stop measuring anything.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import numpy as np

from bench import documents
from bench.answers import (
    TZ,
    Question,
    appears,
    build,
    fold,
    load_questions,
    seeded_database,
)
from bot.domain.clock import FixedClock
from bot.embeddings import E5Embedder
from bot.runtime import Bot
from dialogs.questions.documents import features
from dialogs.questions.kinds.base import Asked


def _holds(question: object, text: str) -> bool:
    answer = fold(text.lower())
    return all(appears(s, answer) for s in question.expect) and all(  # type: ignore[attr-defined]
        any(appears(s, answer) for s in group)
        for group in question.any_of  # type: ignore[attr-defined]
    )


Rows = tuple[list[list[float]], list[float], list[bool]]


async def _rows(bot: Bot, questions: list[Question], region: str, clock: FixedClock) -> Rows:
    """Features of each question's best passage, whether it holds the answer, and whether
    the question must be declined."""
    answers = bot.features.questions
    people = await bot.db.roster.people()
    rows, labels, must_decline = [], [], []
    for question in questions:
        if question.asker or not (question.source or question.decline):
            continue
        analysed = answers.analysis.analyse(question.text)
        found = answers.entities.find(analysed, region, people)
        asked_region = found.region or (found.group.region if found.group else region)
        asked = Asked(analysed, found, asked_region, None, clock.now())
        vector = await answers.embed(answers.documents.query(asked))
        evidence = answers.documents.evidence(asked, vector)
        if not evidence:
            continue
        top = evidence[0]
        rows.append(features(top, evidence, asked))
        text = answers.documents.context_of(top.evidence.passage)
        labels.append(float(not question.decline and _holds(question, text)))
        must_decline.append(question.decline)
    return rows, labels, must_decline


async def collect() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tuning questions on `data/`'s documents, and the development document's
    questions on that document imported as a new region (as text): two kinds of document,
    so the weights are not fit to one document's style. The blind sets stay out."""
    clock = FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=TZ))
    with tempfile.TemporaryDirectory() as tmp:
        db = await seeded_database(Path(tmp), clock)
        bot = await build(db, clock)
        tuning = await _rows(bot, load_questions("tuning"), "sodra-alvsborg", clock)
        await db.dispose()
        folder = documents.FOLDER / documents.DEVELOPMENT
        async with documents.imported(folder, "txt", E5Embedder(), Path(tmp)) as dev:
            region = dev.bot.app.default_region
            development = await _rows(dev.bot, dev.questions, region, dev.clock)
    return (
        np.array(tuning[0] + development[0]),
        np.array(tuning[1] + development[1]),
        np.array(tuning[2] + development[2]),
    )


# What the thresholds are chosen by: a confidently wrong answer costs members as much as
# three honest "Det vet jag inte säkert" (the documents' ANSWERS is the best threshold by
# right - WRONG_COST x wrong).
WRONG_COST = 3


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, rounds: int = 8000) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-x @ w))
        w -= (x.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0]) * 1.0
    return w


def main() -> None:
    x, y, decline = asyncio.run(collect())
    w = fit(x, y)
    print("CONFIDENCE_WEIGHTS =", tuple(round(float(v), 2) for v in w))
    rng = np.random.default_rng(0)
    predicted = np.zeros(len(y))
    for fold_ in np.array_split(rng.permutation(len(y)), 5):
        train = np.ones(len(y), bool)
        train[fold_] = False
        predicted[fold_] = 1 / (1 + np.exp(-x[fold_] @ fit(x[train], y[train])))
    print(f"{len(y)} questions, {int(y.sum())} answerable from the best passage")
    for threshold in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        answered = predicted >= threshold
        right = int((answered & (y == 1)).sum())
        wrong = int((answered & (y == 0)).sum())  # with must-decline questions answered
        print(
            f"threshold {threshold}: right {right}, "
            f"wrong {int((answered & (y == 0) & ~decline).sum())}, "
            f"must-decline answered {int((answered & decline).sum())}, "
            f"declined though answerable {int((~answered & (y == 1)).sum())}, "
            f"right - {WRONG_COST} x wrong = {right - WRONG_COST * wrong}"
        )
    print("below the threshold (the closest passage is shown as such from NEAREST up):")
    for low, high in ((0.0, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.65)):
        band = (predicted >= low) & (predicted < high)
        print(
            f"  {low}-{high}: {int(band.sum())} questions, the passage holds the answer for "
            f"{int(y[band].sum())}, must-decline {int(decline[band].sum())}"
        )


if __name__ == "__main__":
    main()
    sys.exit(0)
