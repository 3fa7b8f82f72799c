"""A name found once is masked wherever it comes again in the same text: a counsellor's
reply or a later turn of a pasted conversation repeats it without the cue that found it."""

from __future__ import annotations

from gateway.scanner import Scanner


def _names(scanner: Scanner, text: str) -> list[tuple[int, str]]:
    return [
        (f.start, text[f.start : f.end])
        for f in scanner.scan(text)
        if f.entity_type == "PERSON" and f.score >= 0.5
    ]


def test_a_nickname_repeated_in_the_reply_is_found_there_too(scanner: Scanner) -> None:
    text = "访客：孩子叫豆豆，5岁\n客服：好的豆豆妈妈，明天上午带他来"
    assert _names(scanner, text) == [(6, "豆豆"), (17, "豆豆")]


def test_a_full_name_repeated_without_a_cue_is_found_each_time(scanner: Scanner) -> None:
    text = "我叫韩立新，想约周六\n客服：已登记 韩立新 周六上午9点，韩立新先生请带身份证"
    starts = [start for start, name in _names(scanner, text) if name == "韩立新"]
    assert starts == [2, 18, 29]


def test_a_surname_given_alone_is_not_spread_over_the_text(scanner: Scanner) -> None:
    # 王 as a character is everywhere; only the place that says it is a name is masked.
    text = "我姓王，王字是三横一竖"
    assert _names(scanner, text) == [(2, "王")]
