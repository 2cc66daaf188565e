"""Japanese text: matching keys for names, and search terms from SudachiPy.

Names: ﾀｶﾊｼ = タカハシ = たかはし, 全角/半角 and spaces do not matter, and the common 異体字 of
family names (髙/高, 﨑/崎, 邊/邉/辺, 齋/齊/斎/斉 …) count as one.

Search: SudachiPy (its dictionary ships on PyPI and works offline) splits text into words.
We index each word's normalized form in mode C (障害者手帳, 引き籠もり for both ひきこもり and
引きこもり) and also the mode A sub-words (障害, 者, 手帳), so a search for 障害 finds 障害年金.
"""

import threading
import unicodedata
from functools import lru_cache
from typing import Any

from sudachipy import Dictionary, SplitMode

# 異体字 → the form most records use. Kept to characters that occur in real family and given
# names; a wider table would merge names that people consider different.
ITAIJI = str.maketrans(
    {
        "髙": "高",
        "﨑": "崎",
        "嵜": "崎",
        "碕": "崎",
        "邊": "辺",
        "邉": "辺",
        "齋": "斎",
        "齊": "斎",
        "斉": "斎",
        "澤": "沢",
        "濱": "浜",
        "濵": "浜",
        "廣": "広",
        "國": "国",
        "櫻": "桜",
        "龍": "竜",
        "眞": "真",
        "惠": "恵",
        "嶋": "島",
        "嶌": "島",
        "冨": "富",
        "德": "徳",
        "實": "実",
        "榮": "栄",
        "藏": "蔵",
        "瀨": "瀬",
        "淺": "浅",
        "讃": "賛",
        "祐": "祐",
        "槇": "槙",
        "塚": "塚",
        "曾": "曽",
        "桒": "桑",
        "舘": "館",
        "峯": "峰",
        "埜": "野",
        "籠": "篭",
        "辻": "辻",
        "隆": "隆",
    }
)
_SPACES = str.maketrans("", "", " \u3000\t\r\n・･")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def to_hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


def name_key(name: str) -> str:
    """The key two spellings of one name share: 髙橋 一郎 → 高橋一郎, タカハシ → たかはし."""
    text = unicodedata.normalize("NFKC", name or "").translate(_SPACES).translate(ITAIJI)
    return to_hiragana(text).lower()


def phone_key(phone: str) -> str:
    """Digits only: 090-1234-5678, ０９０（１２３４）５６７８ and 09012345678 are one number."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", phone or "") if ch.isdigit())


# -- Search -----------------------------------------------------------------------------------

_SKIPPED_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}
_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary() -> Dictionary:
    return Dictionary(dict="core")


def tokenizer() -> Any:
    # A SudachiPy tokenizer is not safe to share between threads.
    if not hasattr(_local, "tokenizer"):
        _local.tokenizer = _dictionary().tokenizer()
    return _local.tokenizer


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _words(text: str, mode: SplitMode) -> list[str]:
    words = []
    for morpheme in tokenizer().tokenize(text, mode):
        if morpheme.part_of_speech()[0] in _SKIPPED_POS:
            continue
        word = _clean(morpheme.normalized_form())
        if word.strip():
            words.append(word)
    return words


# SudachiPy refuses input longer than ~49,000 bytes; notes are split before tokenizing.
_CHUNK = 4000


def _chunks(text: str) -> list[str]:
    """Pieces of at most _CHUNK characters, cut after a sentence or a line where possible so
    that no word is cut in two."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = max(text.rfind("。", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def index_terms(text: str) -> list[str]:
    """The words to index for a text: mode C normalized forms, then their mode A sub-words."""
    terms: list[str] = []
    for chunk in _chunks(text or ""):
        whole = _words(chunk, SplitMode.C)
        terms.extend(whole)
        seen = set(whole)
        terms.extend(word for word in _words(chunk, SplitMode.A) if word not in seen)
    return terms


def query_alternatives(query: str) -> list[list[list[str]]]:
    """What a typed query means: for each space-separated part, alternative word lists, any of
    which may match (all words of an alternative must). ハローワーク may be split by context into
    ハロー ワーク in one place and kept whole in another, so both are tried."""
    parts = []
    for part in unicodedata.normalize("NFKC", query).split():
        alternatives: list[list[str]] = []
        words = _words(part, SplitMode.C)
        if words:
            alternatives.append(words)
        whole = _clean(part)
        if [whole] not in alternatives and whole.strip():
            alternatives.append([whole])
        if alternatives:
            parts.append(alternatives)
    return parts
