"""Fold text before matching so that evasive spellings match the plain patterns.

- Full-width ASCII (１３８, ｖｘ) becomes half-width and the ideographic space a space.
- Zero-width characters are dropped; %2B, %40, %20 and %2D of a percent-encoded form are
  decoded (phone=%2B8613…).
- In a run of at least seven digits, Chinese numerals become digits (一三八…, 幺, 两, 〇 and
  the financial forms 壹贰叁…), and so do letters typed for digits (l, I, O, o) that
  stand apart from any word, as long as they are no more than the real digits; in a run
  of at least nine, single separators between digits (space, dash, dot, an emoji) are
  dropped too: "一三八 零零一三-8000" folds to
  "13800138000". Shorter runs keep their meaning: "两次", "一二天", "150 95", a date
  2023-10-04 or an address 23-2-1701 (building, unit, room), and so does a date with a
  time after it (2024-11-03 20:18). A group of eleven or more
  digits is never joined to its neighbours: it is a whole number already ("ID 15880143699").

Every folded character remembers its index in the original, so a finding maps back to the
exact original span, separators included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The keycap mark (U+20E3) and the variation selectors too: 1️⃣ is "1" with both after it.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\u20e3")
_FULL_WIDTH_FIRST, _FULL_WIDTH_LAST = 0xFF01, 0xFF5E
_FULL_WIDTH_OFFSET = 0xFEE0

NUMERALS = {
    **{ch: str(i) for i, ch in enumerate("零一二三四五六七八九")},
    **{ch: str(i) for i, ch in enumerate("〇壹贰叁肆伍陆柒捌玖")},
    "幺": "1",
    "两": "2",
    "貮": "2",
    "兩": "2",
    "○": "0",
    "Ｏ": "0",
    # Radio speech, read out so a digit is not misheard: 洞 zero, 拐 seven, 勾 nine.
    "洞": "0",
    "拐": "7",
    "勾": "9",
}
_DIGIT = "0-9" + "".join(NUMERALS)
# Latin letters typed for digits (l38 O612 7749, lO5439 28lO), read as digits only inside a
# long run with more real digits than letters, and never as part of a word ("No 138…",
# "hello", "lol"): one stands apart from any letter, two together touch a digit.
LOOKALIKES = {"l": "1", "I": "1", "O": "0", "o": "0"}
_LOOKALIKE = (
    r"(?:(?<![A-Za-z])[lIOo](?![A-Za-z])"
    r"|(?<![A-Za-z])[lIOo]{2}(?=[0-9])|(?<=[0-9])[lIOo]{2}(?![A-Za-z]))"
)
# For patterns whose values are too short to fold (a 6-digit QQ number spelled 三幺七四四幺).
DIGIT_CLASS = f"[{_DIGIT}]"
NONZERO_DIGIT_CLASS = "[1-9" + "".join(ch for ch, v in NUMERALS.items() if v != "0") + "]"
# Emoji and other pictographs are typed between digit groups too (191🌸5602🌸3847).
_PICTOGRAPHS = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
# A line break too: a number sent in pieces, one message line each (195⏎7713⏎9646).
_SEPARATORS = " \u00a0-.·_—–\n"
# A run of digits or numerals with at most one separator between two of them.
_RUN_DIGIT = rf"(?:[{_DIGIT}]|{_LOOKALIKE})"
_SEPARATOR = re.compile(rf"[{re.escape(_SEPARATORS)}{_PICTOGRAPHS}]")
# "186 - 9093 - 1752", "188 🐷 0213": a separator may have a space either side of it.
_GAP = rf"(?: ?{_SEPARATOR.pattern} ?)?"
_RUN = re.compile(rf"{_RUN_DIGIT}(?:{_GAP}{_RUN_DIGIT})+")
MIN_RUN = 7
# Digits written as words, as a voice keyboard or a wary patient types them: pinyin
# ("yao san ba") or English ("one three eight"). Only a run of at least MIN_RUN such words
# is read as a number; "yi er san" or "one or two" stay words.
_WORD_DIGITS = {
    **dict.fromkeys(("zero", "ling"), "0"),
    **dict.fromkeys(("one", "yi", "yao"), "1"),
    **dict.fromkeys(("two", "er", "liang"), "2"),
    **dict.fromkeys(("three", "san"), "3"),
    **dict.fromkeys(("four", "si"), "4"),
    **dict.fromkeys(("five", "wu"), "5"),
    **dict.fromkeys(("six", "liu"), "6"),
    **dict.fromkeys(("seven", "qi"), "7"),
    **dict.fromkeys(("eight", "ba"), "8"),
    **dict.fromkeys(("nine", "jiu"), "9"),
}
_WORD = "(?:" + "|".join(sorted(_WORD_DIGITS, key=len, reverse=True)) + ")"
_WORD_RUN = re.compile(
    rf"(?<![A-Za-z]){_WORD}(?:[ \-,]{{1,2}}{_WORD}){{{MIN_RUN - 1},}}(?![A-Za-z])", re.IGNORECASE
)
_ONE_WORD = re.compile(rf"(?<![A-Za-z]){_WORD}(?![A-Za-z])", re.IGNORECASE)
MIN_JOINED_RUN = 9
# A date and the hour of a time after it (2024-11-03 20:18, a chat log's timestamp): the
# colon after the hour says it is a clock, so the run is no number typed in pieces.
_DATE_HOUR = re.compile(
    r"(?:19|20)\d{2}([-.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01]) ?(?:[01]?\d|2[0-3])"
)
_CLOCK_MINUTES = re.compile(r"[:：][0-5]\d")
WHOLE_GROUP = 11  # digits in a group that is a number of its own (a mobile number)
# A form or link posts its fields percent-encoded (phone=%2B8613…, a%40qq.com): the few
# characters that hold a phone number or an address together are read decoded.
_PERCENT_ESCAPES = {"%2B": "+", "%40": "@", "%20": " ", "%2D": "-"}
_SPECIAL = re.compile(
    "%(?:2[bBdD0]|40)|[\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\u20e3\u3000\uff01-\uff5e]"
)
# Without a percent sign or a zero-width character, folding changes one character into one
# (full-width into half-width: Chinese punctuation，？：is full-width, so nearly every message
# has some), which str.translate does in one call.
_ONE_FOR_ONE = re.compile("[%\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\u20e3]")
_HALF_WIDTH = {
    code: code - _FULL_WIDTH_OFFSET for code in range(_FULL_WIDTH_FIRST, _FULL_WIDTH_LAST + 1)
} | {0x3000: ord(" ")}
# A run of digit words needs Latin letters.
_LATIN = re.compile("[A-Za-z]")


def digit_value(ch: str) -> str | None:
    """The ASCII digit a character stands for (1, １, 一, 幺, 壹), or None."""
    if "0" <= ch <= "9":
        return ch
    if "０" <= ch <= "９":
        return chr(ord(ch) - _FULL_WIDTH_OFFSET)
    return NUMERALS.get(ch)


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text and, when it differs in length, the original index of each character."""

    text: str
    origin: tuple[int, ...] | None  # None: same length, index i is index i
    # Where each character's original ends, when one stands for a word ("three" -> 3).
    ends: tuple[int, ...] | None = None

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        last = self.ends[end - 1] if self.ends is not None else self.origin[end - 1] + 1
        return self.origin[start], last


def _fold_chars(text: str) -> tuple[list[str], list[int], list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    skip_to = 0
    for i, ch in enumerate(text):
        if i < skip_to:
            continue
        escaped = _PERCENT_ESCAPES.get(text[i : i + 3].upper()) if ch == "%" else None
        if escaped is not None:
            chars.append(escaped)
            origin.append(i)
            ends.append(i + 3)
            skip_to = i + 3
            continue
        if ch in _ZERO_WIDTH:
            if ends:  # a mark belongs to the character before it (the keycap of 1️⃣)
                ends[-1] = i + 1
            continue
        code = ord(ch)
        if _FULL_WIDTH_FIRST <= code <= _FULL_WIDTH_LAST:
            ch = chr(code - _FULL_WIDTH_OFFSET)
        elif ch == "\u3000":
            ch = " "
        chars.append(ch)
        origin.append(i)
        ends.append(i + 1)
    return chars, origin, ends


def _fold_words(
    text: str, chars: list[str], origin: list[int], ends: list[int]
) -> tuple[str, list[str], list[int], list[int]]:
    """Turn each run of digit words into digits, one per word, spanning the whole word."""
    runs = list(_WORD_RUN.finditer(text))
    out_chars: list[str] = []
    out_origin: list[int] = []
    out_ends: list[int] = []
    pos = 0
    for run in runs:
        out_chars.extend(chars[pos : run.start()])
        out_origin.extend(origin[pos : run.start()])
        out_ends.extend(ends[pos : run.start()])
        for word in _ONE_WORD.finditer(text, run.start(), run.end()):
            out_chars.append(_WORD_DIGITS[word.group().lower()])
            out_origin.append(origin[word.start()])
            out_ends.append(ends[word.end() - 1])
        pos = run.end()
    out_chars.extend(chars[pos:])
    out_origin.extend(origin[pos:])
    out_ends.extend(ends[pos:])
    return "".join(out_chars), out_chars, out_origin, out_ends


def fold(text: str) -> Folded:
    """Return the folded text; cheap when there is nothing to fold."""
    ends: list[int] | None = None  # needed only where a character stands for more than one
    if not _SPECIAL.search(text):
        stage1 = text
    elif not _ONE_FOR_ONE.search(text):
        stage1 = text.translate(_HALF_WIDTH)
    else:
        chars, origin, ends = _fold_chars(text)
        stage1 = "".join(chars)
    if ends is None:
        chars, origin = list(stage1), list(range(len(stage1)))
    if _LATIN.search(stage1) and _WORD_RUN.search(stage1):
        if ends is None:
            ends = [i + 1 for i in origin]
        stage1, chars, origin, ends = _fold_words(stage1, chars, origin, ends)
    runs: list[tuple[int, int]] = []
    for m in _RUN.finditer(stage1):
        for start, end in _apart(stage1, *_trim(stage1, m.start(), m.end())):
            run = stage1[start:end]
            count = _digit_count(run)
            if sum(ch in LOOKALIKES for ch in run) * 2 > count:
                continue  # a run of words and numbers, not a number in disguise
            if _DATE_HOUR.fullmatch(run) and _CLOCK_MINUTES.match(stage1, end):
                continue
            if count >= MIN_JOINED_RUN or (
                count >= MIN_RUN and (not any(map(_is_separator, run)) or _one_by_one(run))
            ):
                runs.append((start, end))
    if not runs:
        return _folded(stage1, text, origin, ends)
    out_chars: list[str] = []
    out_origin: list[int] = []
    out_ends: list[int] = []
    all_ends = ends if ends is not None else [i + 1 for i in origin]
    pos = 0
    for start, end in runs:
        out_chars.extend(chars[pos:start])
        out_origin.extend(origin[pos:start])
        out_ends.extend(all_ends[pos:start])
        for j in range(start, end):
            value = digit_value(chars[j]) or LOOKALIKES.get(chars[j])
            if value is not None:
                out_chars.append(value)
                out_origin.append(origin[j])
                out_ends.append(all_ends[j])
        pos = end
    out_chars.extend(chars[pos:])
    out_origin.extend(origin[pos:])
    out_ends.extend(all_ends[pos:])
    return _folded("".join(out_chars), text, out_origin, out_ends if ends is not None else None)


def _folded(folded: str, text: str, origin: list[int], ends: list[int] | None) -> Folded:
    if ends is None and len(folded) == len(text):
        return Folded(folded, None)
    return Folded(folded, tuple(origin), None if ends is None else tuple(ends))


def _one_by_one(run: str) -> bool:
    """Digits typed one at a time with a space between ("6 1 8 3 7 0 2 5"): a number
    dictated digit by digit, never a list of measurements."""
    return all(_is_separator(ch) for ch in run[1::2]) and not any(map(_is_separator, run[0::2]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out a lone numeral at either edge of an otherwise Arabic-digit run.

    Someone hiding a number spells several of its digits as numerals; a single 一 right
    before 13800138000 is a word (唯一, 第一, 一下), and folding it in would turn the phone
    number into a 12-digit number that no longer is one.
    """
    run = text[start:end]
    if len(run) > 2 and _spelled(run[0]) and not any(map(_spelled, run[1:])):
        if not _MOBILE_WITH_LETTER.fullmatch(run):
            start += 1
    run = text[start:end]
    if len(run) > 2 and _spelled(run[-1]) and not any(map(_spelled, run[:-1])):
        end -= 1
    while start < end and _is_separator(text[start]):
        start += 1
    while start < end and _is_separator(text[end - 1]):
        end -= 1
    return start, end


def _apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run where a group of digits is a whole number on its own.

    Someone who splits a number into groups makes them short (138 0013 8000, 370102
    19900307 123X). A group of eleven or more digits is already a phone, an ID or a card;
    the separator beside it separates two values ("ID 15880143699", "13655802839 1998.4.21")
    and joining them would make one number that is neither.
    """
    pieces: list[tuple[int, int]] = []
    group_start = start
    piece_start = start
    for i in range(start, end + 1):
        if i < end and not _is_separator(text[i]):
            continue
        if i - group_start >= WHOLE_GROUP:
            if piece_start < group_start:
                pieces.append((piece_start, group_start - 1))  # before the separator
            pieces.append((group_start, i))
            piece_start = i + 1
        group_start = i + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


# A mobile number whose leading 1 is typed as l or I (l6644883778): mobiles all start with 1,
# and l is the letter nearest it.
_MOBILE_WITH_LETTER = re.compile(r"[lI][3-9]\d{9}")


def _is_separator(ch: str) -> bool:
    return _SEPARATOR.match(ch) is not None


def _spelled(ch: str) -> bool:
    return ch in NUMERALS or ch in LOOKALIKES


def _digit_count(run: str) -> int:
    return sum(1 for ch in run if not _is_separator(ch))
