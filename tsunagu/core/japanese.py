"""Japanese text: matching keys for names, and search terms from SudachiPy.

Names: ﾀｶﾊｼ = タカハシ = たかはし, 全角/半角 and spaces do not matter, and 異体字 count as one
(髙/高, 𠮷/吉, 邊/邉/辺, 澤/沢 …: the MJ縮退マップ, with a few folds of our own).

Search: SudachiPy (its dictionary ships on PyPI and works offline) splits text into words.
We index each word's normalized form in mode C (障害者手帳, 引き籠もり for both ひきこもり and
引きこもり) and also the mode A sub-words (障害, 者, 手帳), so a search for 障害 finds 障害年金.
"""

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import jntajis
from sudachipy import Dictionary, SplitMode

#: 異体字 the MJ縮退マップ does not fold (see fold_variant): variants that are themselves JIS X
#: 0208 level-1 characters (龍, 嶋, 冨, 瀧), and pairs that records confuse though the 戸籍
#: keeps them apart (斉藤 / 斎藤 are entered for one another).
HAND_FOLDS = {
    "碕": "崎",
    "齊": "斎",
    "斉": "斎",
    "讃": "賛",
    "籠": "篭",
    "龍": "竜",
    "嶋": "島",
    "冨": "富",
    "瀧": "滝",
}
#: Characters the 戸籍法 related notices relate to another common character that is a different
#: one in a name (傅 the surname Fu is not 伝; 孩, 尓, 个, 擱, 槁, 夂, 耒 likewise): not folded.
NOT_FOLDED = frozenset("傅孩尓个擱槁夂耒")
#: Every scheme of the MJ縮退マップ: the JIS incorporation and UCS unification rules, inference
#: by reading and glyph, 法務省 通達 582, and the 戸籍法 related notices.
_MJ_SCHEMES = (
    jntajis.MJShrinkSchemeCombo.JIS_INCORPORATION_UCS_UNIFICATION_RULE
    | jntajis.MJShrinkSchemeCombo.INFERENCE_BY_READING_AND_GLYPH
    | jntajis.MJShrinkSchemeCombo.MOJ_NOTICE_582
    | jntajis.MJShrinkSchemeCombo.MOJ_FAMILY_REGISTER_ACT_RELATED_NOTICE
)


def _jis_level(char: str) -> int:
    """1 or 2 for a kanji of JIS X 0208 level 1 or 2, else 0."""
    try:
        code = char.encode("euc_jp")
    except UnicodeEncodeError:
        return 0
    if len(code) != 2 or code[0] < 0xB0:
        return 0
    return 1 if code[0] <= 0xCF else 2 if code[0] <= 0xF4 else 0


@lru_cache(maxsize=16384)
def fold_variant(char: str) -> str:
    """The common form of a 異体字 (𠮷 → 吉, 栁 → 柳, 澤 → 沢, 髙 → 高), from the MJ縮退マップ (IPA,
    through jntajis-python): a character that is not itself a level-1 kanji becomes its first
    level-1 candidate. A level-1 kanji stays (the map also lists look-alikes such as 玉 → 王),
    except for HAND_FOLDS."""
    if char in HAND_FOLDS:
        return HAND_FOLDS[char]
    if ord(char) < 0x3400 or char in NOT_FOLDED or _jis_level(char) == 1:
        return char
    for candidate in jntajis.mj_shrink_candidates(char, _MJ_SCHEMES):
        if candidate != char and _jis_level(candidate) == 1:
            return candidate
    return char


def fold_variants(text: str) -> str:
    return "".join(fold_variant(char) for char in text)


def variant_folds(typed: str, recorded: str) -> list[str]:
    """The 異体字 that make two spellings of a name one, as a consultant reads them: 𠮷→吉."""
    pairs = zip(_plain(typed), _plain(recorded), strict=False)
    return [
        f"{a}→{b}"
        if fold_variant(a) == b
        else f"{b}→{a}"
        if fold_variant(b) == a
        else f"{a}・{b}→{fold_variant(a)}"
        for a, b in pairs
        if a != b and fold_variant(a) == fold_variant(b)
    ]


_SPACES = str.maketrans("", "", " \u3000\t\r\n・･")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def to_hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKC", name or "").translate(_SPACES)


def name_key(name: str) -> str:
    """The key two spellings of one name share: 髙橋 一郎 → 高橋一郎, 𠮷田 → 吉田, タカハシ →
    たかはし."""
    return to_hiragana(fold_variants(_plain(name))).lower()


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


#: 五段 verbs: the last kana of the dictionary form, and of the 連用形 (ひきこもる → ひきこもり).
_GODAN = str.maketrans("うくぐすつぬぶむる", "いきぎしちにびみり")
#: A reading token: "r" and the word's reading in hiragana (かいご finds 介護). No word of a
#: text starts with an ASCII letter followed by kana, so it cannot meet a real word.
READING = "r"


@lru_cache(maxsize=4096)
def stem(verb: str) -> str | None:
    """The 連用形 of a verb's normalized form, which is also its noun (引き籠もる → 引き籠もり,
    見守る → 見守り, 食べる → 食べ), so that the noun and the verb of one lemma meet; None for
    what is not a plain verb (する, 来る, a compound)."""
    morphemes = tokenizer().tokenize(verb, SplitMode.C)
    if len(morphemes) != 1 or morphemes[0].part_of_speech()[0] != "動詞":
        return None
    kind = morphemes[0].part_of_speech()[4]
    if kind.startswith("五段") and verb[-1] in "うくぐすつぬぶむる":
        return verb[:-1] + verb[-1].translate(_GODAN)
    if "一段" in kind and verb.endswith("る") and len(verb) > 1:
        return verb[:-1]
    return None


#: Sudachi reads kana in brackets after kanji as the kanji's reading and drops it (訪問介護
#: （ヘルパー） would index no ヘルパー): brackets are spaces to the search.
_BRACKETS = str.maketrans(dict.fromkeys("（）()［］[]｛｝{}", " "))


def _content(text: str, mode: SplitMode) -> list[list[Any]]:
    """Runs of content morphemes (no particle, auxiliary or symbol between them)."""
    runs: list[list[Any]] = [[]]
    for morpheme in tokenizer().tokenize(text.translate(_BRACKETS), mode):
        if morpheme.part_of_speech()[0] in _SKIPPED_POS:
            runs.append([])
        elif _clean(morpheme.normalized_form()).strip():
            runs[-1].append(morpheme)
    return [run for run in runs if run]


def _word(morpheme: Any) -> str:
    """A morpheme as search words it: its normalized form, a verb by its 連用形."""
    word = _clean(morpheme.normalized_form())
    if morpheme.part_of_speech()[0] == "動詞":
        return stem(word) or word
    return word


def _readings(morpheme: Any) -> list[str]:
    """The reading token of a word (not of a verb: its reading is of the conjugated form)."""
    if morpheme.part_of_speech()[0] == "動詞":
        return []
    return [READING + to_hiragana(_clean(morpheme.reading_form()))]


def _words(text: str, mode: SplitMode) -> list[str]:
    return [_word(m) for run in _content(text, mode) for m in run]


_NOUNISH = {"名詞", "接頭辞", "接尾辞"}


def _terms(text: str) -> list[str]:
    """One piece of text's index words: each mode C word (a verb by its 連用形), its reading,
    each pair of adjacent nouns joined (ハロー + ワーク = ハローワーク, as Sudachi splits it in
    some sentences and not in others), then the mode A sub-words and their readings."""
    terms: list[str] = []
    for run in _content(text, SplitMode.C):
        for number, morpheme in enumerate(run):
            terms += [_word(morpheme), *_readings(morpheme)]
            after = run[number + 1] if number + 1 < len(run) else None
            if (
                after is not None
                and morpheme.part_of_speech()[0] in _NOUNISH
                and after.part_of_speech()[0] in _NOUNISH
            ):
                terms.append(_word(morpheme) + _word(after))
    for run in _content(text, SplitMode.A):
        for morpheme in run:
            terms += [_word(morpheme), *_readings(morpheme)]
    return list(dict.fromkeys(terms))


# SudachiPy refuses input longer than ~49,000 bytes; notes are split before tokenizing.
_CHUNK = 4000


#: Where a piece of text may end without cutting a word in two.
_BREAKS = re.compile(r"[。\n、，,．！？!?\s)）」』]")


def _chunks(text: str, size: int = _CHUNK) -> list[str]:
    """Pieces of about `size` characters, each ending after a sentence, a comma, a space or a
    closing bracket, so that no word is cut in two: the last such place in the piece, or else
    the first after it (within as much again); only a run of twice `size` with none is cut."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            before = [m.end() for m in _BREAKS.finditer(text, start, end)]
            after = _BREAKS.search(text, end, min(len(text), end + size))
            end = before[-1] if before else (after.end() if after else end)
        pieces.append(text[start:end])
        start = end
    return pieces


def word_spans(text: str, wanted: set[str], *, reach: int | None = None) -> list[tuple[int, int]]:
    """Where in `text` the words of a search are (begin, end), matched as the index matches
    them (a verb by its 連用形, a word by its reading), for marking them in a snippet. With
    `reach`, the text is read a few sentences at a time and no further than `reach` characters
    past the first word found (what a snippet can show)."""
    by_reading = any(word.startswith(READING) for word in wanted)
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in _chunks(text, 400) if reach else [text]:
        for mode in (SplitMode.C, SplitMode.A):
            for morpheme in tokenizer().tokenize(piece.translate(_BRACKETS), mode):
                if morpheme.part_of_speech()[0] in _SKIPPED_POS:
                    continue
                forms = {_word(morpheme), _clean(morpheme.surface())}
                if by_reading:
                    forms.update(_readings(morpheme))
                if forms & wanted:
                    spans.append((offset + morpheme.begin(), offset + morpheme.end()))
        offset += len(piece)
        if reach and spans and offset >= min(spans)[0] + reach:
            break
    return spans


#: A word longer than this is no word anyone searches (a run of digits, a pasted table): not
#: indexed, which also keeps every lexeme under PostgreSQL's limit of 2,047 bytes.
MAX_TERM_BYTES = 300


def index_terms(text: str) -> list[str]:
    """The words to index for a text (see _terms), each once."""
    terms: list[str] = []
    for chunk in _chunks(text or ""):
        terms.extend(t for t in _terms(chunk) if len(t.encode()) <= MAX_TERM_BYTES)
    return list(dict.fromkeys(terms))


_KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fcー]+$")


def _meanings(part: str) -> list[list[str]]:
    """What one typed word may mean, as word lists (all words of one must match): its words,
    the word whole, and its reading where it is typed in kana only (かいご → 介護)."""
    alternatives: list[list[str]] = []
    words = _words(part, SplitMode.C)
    if words:
        alternatives.append(words)
    whole = _clean(part)
    if whole.strip() and [whole] not in alternatives:
        alternatives.append([whole])
    if _KANA.match(whole):
        alternatives.append([READING + to_hiragana(whole)])
    return alternatives


def synonym_key(term: str) -> str:
    """How a synonym table's term and a typed word are compared: NFKC, lower case, no spaces."""
    return unicodedata.normalize("NFKC", term).lower().translate(_SPACES)


def query_alternatives(
    query: str, synonyms: Mapping[str, Sequence[str]] | None = None
) -> list[list[list[str]]]:
    """What a typed query means: for each space-separated part, alternative word lists, any of
    which may match (all words of an alternative must). A part is its words, itself whole, its
    reading when typed in kana, and every term of its synonyms (`synonyms`: a term's key, see
    synonym_key, → the terms of its group: ケアマネ → ケアマネジャー, 介護支援専門員)."""
    parts = []
    for part in unicodedata.normalize("NFKC", query).split():
        alternatives = _meanings(part)
        for synonym in (synonyms or {}).get(synonym_key(part), ()):
            alternatives += [a for a in _meanings(synonym) if a not in alternatives]
        if alternatives:
            parts.append(alternatives)
    return parts


#: Words that say nothing of what a person likes or a place offers.
_EMPTY_WORDS = frozenset(
    re.split(
        r"\s+",
        "こと 事 もの 物 人 方 ところ 所 時 とき 好き 嫌い 苦手 得意 感じ 自分 他 ほか 今 前 後 ため "
        "為 よう 様 気 場所 場 日 回 週 月 年 中 等 など 皆 みんな 一緒 大丈夫 途中 久しぶり 以前 "
        "昔 最近 本人 ご本人 したい 出来 でき 出来る 思い 思う 言う 言い 有る 居る 成る 為る "
        "外 内 上 下 間 先 次 毎日 今日 明日 理由 少し 練習",
    )
)
_KANJI = re.compile(r"^[\u4e00-\u9fff\U00020000-\U0003134f]$")


def _tells(morpheme: Any) -> bool:
    """A common or proper noun that is not an adverb of time (昔, 朝), or a full verb."""
    pos: tuple[str, ...] = tuple(morpheme.part_of_speech())
    if pos[0] == "名詞":
        return pos[1] in ("普通名詞", "固有名詞") and pos[2] != "副詞可能"
    return pos[0] == "動詞" and pos[1] == "一般"


def content_words(text: str) -> frozenset[str]:
    """What a text is about, as words that meet another text's: its nouns and verbs, as the
    index words them (normalized, a verb by its 連用形: 働いていた meets 働ける), in mode C and
    the mode A sub-words (喫茶店 and 喫茶), without the words that say nothing (こと, 人, 好き)
    or a lone kana. For a person's interests and a place's description (参加支援)."""
    words: set[str] = set()
    for chunk in _chunks(text or ""):
        for mode in (SplitMode.C, SplitMode.A):
            for run in _content(chunk, mode):
                for morpheme in run:
                    if not _tells(morpheme):
                        continue
                    word = _word(morpheme)
                    # A lone kanji says something as a noun (畑, 本, 猫), not as a verb (出, 見).
                    lone = len(word) == 1 and (
                        not _KANJI.match(word) or morpheme.part_of_speech()[0] == "動詞"
                    )
                    if word not in _EMPTY_WORDS and not lone:
                        words.add(word)
    return frozenset(words)


def personal_names(text: str) -> list[str]:
    """The words of a text that Sudachi reads as people's names (固有名詞・人名: 田中, 美咲),
    a family name and a given name side by side as one, each once in the order they come: so
    that a note meant to hold no one's name can say which word looks like one."""
    found: list[str] = []
    run: list[str] = []

    def end_of_name() -> None:
        name = "".join(run)
        if name and name not in found:
            found.append(name)
        run.clear()

    for chunk in _chunks(text or ""):
        for morpheme in tokenizer().tokenize(chunk, SplitMode.C):
            pos = morpheme.part_of_speech()
            if pos[1] == "固有名詞" and pos[2] == "人名":
                run.append(morpheme.surface())
            else:
                end_of_name()
        end_of_name()
    return found


def names_in(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """personal_names of `text` but those within an allowed name (staff, a place, a gatekeeper)."""
    known = [a for a in allowed if a]
    return [name for name in personal_names(text) if not any(name in k for k in known)]


def proper_nouns(text: str) -> list[tuple[str, str]]:
    """The proper nouns Sudachi finds in a text, each once in the order they come, with their
    kind: "person" (a family and a given name side by side as one), "place" (地名) or
    "organization" (組織名) — for taking them out of a text that is to name nobody."""
    kinds = {"人名": "person", "地名": "place", "組織名": "organization"}
    found: dict[str, str] = {}
    run: list[str] = []
    kind_of_run = ""

    def end_of_run() -> None:
        word = "".join(run)
        if word and word not in found:
            found[word] = kind_of_run
        run.clear()

    for chunk in _chunks(text or ""):
        for morpheme in tokenizer().tokenize(chunk, SplitMode.C):
            pos = morpheme.part_of_speech()
            kind = kinds.get(pos[2], "") if pos[1] == "固有名詞" else ""
            if kind and kind == kind_of_run == "person" and run:
                run.append(morpheme.surface())
                continue
            end_of_run()
            if kind:
                run.append(morpheme.surface())
            kind_of_run = kind
        end_of_run()
    return list(found.items())
