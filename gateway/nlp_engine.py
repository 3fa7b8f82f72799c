"""A Presidio NLP engine for Chinese built on jieba: no model download, ever.

jieba's part-of-speech pass gives the tokens Presidio's context enhancer reads and the
`nr` (person name) tags the PERSON recognizer starts from.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import jieba
import jieba.posseg
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from gateway.segment_cache import CachedPOSTokenizer

LANGUAGE = "zh"

# Function words that never carry context; Presidio skips them when it looks around a match.
_STOPWORDS = frozenset(
    "的 了 是 我 你 您 他 她 它 在 和 与 及 或 呢 吗 啊 吧 呀 哦 嗯 噢 这 那 个 就 也 都 把 被 给 "
    "还 又 很 请 一下 一个 我们 你们 他们 the a an is are of to my your".split()
)


def _is_punct(word: str) -> bool:
    """Whether every character is punctuation, a separator, a symbol or a space."""
    for ch in word:
        if unicodedata.category(ch)[0] not in "PZS" and not ch.isspace():
            return False
    return True


class ChineseNlpArtifacts(NlpArtifacts):
    """NlpArtifacts plus jieba's part-of-speech flag for each token."""

    def __init__(self, words: list[str], starts: list[int], flags: list[str], engine: NlpEngine):
        super().__init__(
            entities=[],
            tokens=words,  # type: ignore[arg-type]  # Presidio only needs len() and indexing
            tokens_indices=starts,
            lemmas=words,
            nlp_engine=engine,
            language=LANGUAGE,
        )
        self.words = words
        self.pos_flags = flags
        # Token lookups by offset in O(1): recognizers ask at every cue, and a long text
        # has thousands of cues.
        self.token_at: dict[int, int] = {start: i for i, start in enumerate(starts)}
        self.ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
        self.boundaries = frozenset([*starts, *self.ends[-1:]])
        self.keyword_set = frozenset(self.keywords)

    @staticmethod
    def set_keywords(nlp_engine: NlpEngine, lemmas: list[str], language: str) -> list[str]:
        """Presidio's keywords (lower-cased tokens that are neither stopwords nor
        punctuation, split at colons) in one pass, without two engine calls per token."""
        if not isinstance(nlp_engine, JiebaNlpEngine):
            return list(NlpArtifacts.set_keywords(nlp_engine, lemmas, language))
        known = _KEYWORD_PARTS
        if len(known) > _KNOWN_WORDS:
            known.clear()  # a bound on memory; the common words come back at once
        keywords: list[str] = []
        for word in lemmas:
            parts = known.get(word)
            if parts is None:
                parts = known[word] = _keyword_parts(word)
            keywords.extend(parts)
        return keywords


def _keyword_parts(word: str) -> tuple[str, ...]:
    """What one token adds to Presidio's keywords: nothing for a stopword or punctuation,
    else its lower-cased parts between colons."""
    lower = word.lower()
    if lower in _STOPWORDS or _is_punct(word) or word == "-PRON-" or word == "be":
        return ()
    return tuple(lower.split(":"))


# Keyword parts by token, worked out once per distinct token: chat reuses few words.
_KEYWORD_PARTS: dict[str, tuple[str, ...]] = {}
_KNOWN_WORDS = 100_000


class JiebaNlpEngine(NlpEngine):
    """Segments Chinese with jieba (dictionary plus HMM for unseen names)."""

    def __init__(self, cache_dir: str | None = None, user_words: tuple[str, ...] = ()) -> None:
        self._tokenizer: jieba.Tokenizer | None = None
        self._pos: CachedPOSTokenizer | None = None
        self._cache_dir = cache_dir
        self._user_words = user_words

    def load(self) -> None:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        if self._cache_dir:
            # jieba writes its prefix-dictionary cache to a temp dir; keep it in our state dir
            # so a read-only root filesystem still works.
            os.makedirs(self._cache_dir, exist_ok=True)
            tokenizer.tmp_dir = self._cache_dir
        tokenizer.initialize()
        for word in self._user_words:
            tokenizer.add_word(word, tag="nz")
        self._tokenizer = tokenizer
        self._pos = CachedPOSTokenizer(tokenizer)

    def is_loaded(self) -> bool:
        return self._pos is not None

    def process_text(self, text: str, language: str) -> ChineseNlpArtifacts:
        if self._pos is None:
            self.load()
        assert self._pos is not None
        words: list[str] = []
        starts: list[int] = []
        flags: list[str] = []
        offset = 0
        for word, flag in self._pos.tagged(text):
            words.append(word)
            starts.append(offset)
            flags.append(flag)
            offset += len(word)
        return ChineseNlpArtifacts(words, starts, flags, self)

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary saw `word` (0 if unknown)."""
        assert self._tokenizer is not None
        return int(self._tokenizer.FREQ.get(word, 0))

    def tag(self, word: str) -> str | None:
        """jieba's dictionary part-of-speech tag for `word`, if it has one."""
        assert self._pos is not None
        tag = self._pos.word_tag_tab.get(word)
        return str(tag) if tag is not None else None

    def process_batch(
        self,
        texts: Iterable[str],
        language: str,
        batch_size: int = 1,
        n_process: int = 1,
        **kwargs: Any,
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return word.lower() in _STOPWORDS

    def is_punct(self, word: str, language: str) -> bool:
        return _is_punct(word)

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]
