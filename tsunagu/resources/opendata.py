"""Reading the デジタル庁 自治体標準オープンデータセット CSVs (公共施設一覧, 介護サービス事業所一覧,
医療機関一覧, 子育て施設一覧, AED設置箇所一覧, イベント一覧) as municipalities publish them: the
current 正式版 headers and the older 推奨データセット ones, CP932 or UTF-8 with or without a BOM,
quoted newlines, and headers written a little differently (full-width spaces, ー/―/‐, (カナ) for
_カナ, a publisher's own words). Nothing here touches the database: it turns a file into rows of
directory fields, each with the problems found in it, named by row and column.

The files are read as a stream (a row at a time), so a 10,000-row file costs no more memory than
a 10-row one."""

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The datasets, by code: what they are called and the kind of resource their rows become.
DATASETS = {
    "public_facility": gettext_lazy("Public facilities"),  # 公共施設一覧
    "care_service": gettext_lazy("Care service providers"),  # 介護サービス事業所一覧
    "medical": gettext_lazy("Medical institutions"),  # 医療機関一覧
    "childcare": gettext_lazy("Childcare facilities"),  # 子育て施設一覧
    "aed": gettext_lazy("AED locations"),  # AED設置箇所一覧
    "event": gettext_lazy("Events"),  # イベント一覧
}

#: The columns that tell a dataset from the others (any one of them is enough).
_SIGNS = {
    "aed": ("設置位置", "小児対応設備の有無", "パッドの使用期限"),
    "event": ("開始日", "イベント種類", "場所名称"),
    "care_service": ("介護サービスの種類", "サービス種類", "事業所番号", "介護保険事業所番号"),
    "medical": ("診療科目", "医療機関の種類", "病床数"),
    "childcare": ("子育て施設種別", "施設種別", "対象年齢", "受入年齢"),
}

#: Each directory field and the headers that name it, in the 正式版 first, then the older and
#: the publishers' own. Headers are compared by _key (width, spaces, dashes, brackets folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "lg_code": ("全国地方公共団体コード", "都道府県コード又は市区町村コード", "地方公共団体コード"),
    "id": ("ID", "NO", "番号", "No."),
    "lg_name": ("地方公共団体名",),
    "name": ("名称", "施設名", "施設名称", "事業所名", "事業所名称", "医療機関名称", "イベント名"),
    "name_kana": ("名称_カナ", "名称(カナ)", "施設名カナ", "名称カナ", "事業所名カナ"),
    "alternate_name": ("名称_通称", "名称(通称)", "通称"),
    "location_name": ("場所名称", "開催場所"),
    "location_lg_code": ("所在地_全国地方公共団体コード",),
    "town_id": ("町字ID",),
    "address": ("所在地_連結表記", "所在地", "住所", "所在地(連結表記)"),
    "prefecture": ("所在地_都道府県", "住所都道府県", "都道府県名", "都道府県"),
    "municipality": ("所在地_市区町村", "住所市区町村", "市区町村名", "市区町村"),
    "town": ("所在地_町字", "住所町名", "町字"),
    "street": ("所在地_番地以下", "住所丁目以下", "番地以下"),
    "building": ("建物名等(方書)", "方書", "建物名等", "建物名"),
    "postal_code": ("郵便番号",),
    "latitude": ("緯度",),
    "longitude": ("経度",),
    "phone": ("電話番号", "連絡先電話番号", "TEL"),
    "extension": ("内線番号", "連絡先内線番号"),
    "email": ("連絡先メールアドレス", "メールアドレス", "E-mail"),
    "corporate_number": ("法人番号",),
    "provider": ("団体名", "主催団体", "主催者", "設置者", "運営法人名", "法人の名称", "事業者名"),
    "contact_name": ("連絡先名称", "担当部署", "問い合わせ先"),
    "weekdays": ("利用可能曜日",),
    "opens": ("開始時間", "開館時間"),
    "closes": ("終了時間", "閉館時間"),
    "schedule_note": (
        "利用可能日時特記事項",
        "日時備考",
        "開始日時特記事項",
        "利用可能時間特記事項",
    ),
    "description": ("説明", "概要", "設置位置", "サービス種類", "介護サービスの種類", "診療科目"),
    "accessibility": ("バリアフリー情報",),
    "url": ("URL", "ホームページ", "ウェブサイト"),
    "note": ("備考",),
    "eligibility": ("対象者", "対象年齢", "受入年齢"),
    "capacity": ("定員",),
    "fees": ("料金(基本)", "料金", "利用料金"),
    "fees_detail": ("料金(詳細)",),
    "application": ("申込方法", "参加申込方法"),
    "starts_on": ("開始日",),
    "ends_on": ("終了日",),
    "starts_at": ("開始時刻",),
    "ends_at": ("終了時刻",),
}
#: The 正式版's one column per day ("9:00-17:00", "○", "休"), by tsunagu.resources.choices.Weekday.
DAY_COLUMNS = {
    0: ("月曜日", "月"),
    1: ("火曜日", "火"),
    2: ("水曜日", "水"),
    3: ("木曜日", "木"),
    4: ("金曜日", "金"),
    5: ("土曜日", "土"),
    6: ("日曜日", "日"),
    7: ("祝日", "祝祭日"),
}
_DAY_LETTERS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6, "祝": 7}

#: What every dataset needs to make an entry.
REQUIRED = ("name",)

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ｰ－-", "ー"))
_DROPPED = re.compile(r"[\s_()（）\[\]［］「」・.]")


def _key(header: str) -> str:
    """A header as compared: full-width and half-width alike, spaces, underscores, brackets
    and dots dropped, every dash one (名称（カナ） = 名称_カナ = 名称 カナ)."""
    text = unicodedata.normalize("NFKC", header).strip().lstrip("\ufeff")
    return _DROPPED.sub("", text.translate(_DASHES)).lower()


_ALIASES = {_key(name): column for column, names in COLUMNS.items() for name in names}
_DAY_ALIASES = {_key(name): day for day, names in DAY_COLUMNS.items() for name in names}


@dataclass
class Problem:
    """One thing wrong, where: the row's number as a spreadsheet shows it (the header is row
    1), the column's header, what to fix."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where += f"「{self.column}」"
        return f"{where}: {self.message}"


@dataclass
class Header:
    """What the header row was understood as: each column's field (or day), and those left."""

    dataset: str
    fields: dict[int, str]  # column index → directory field
    days: dict[int, int]  # column index → weekday
    names: list[str]  # the headers as written
    ignored: list[str]
    missing: list[str]  # required fields no column names

    def understood(self) -> list[tuple[str, str]]:
        """(header as written, the standard column it was read as) for the report."""
        shown = [(self.names[i], COLUMNS[name][0]) for i, name in sorted(self.fields.items())]
        days = "月火水木金土日祝"
        return shown + [
            (self.names[i], f"利用可能曜日（{days[day]}）") for i, day in sorted(self.days.items())
        ]


@dataclass
class Row:
    number: int
    values: dict[str, str]
    days: dict[int, str]
    problems: list[Problem] = field(default_factory=list)


def read_header(names: list[str], dataset: str | None = None) -> Header:
    fields: dict[int, str] = {}
    days: dict[int, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(names):
        key = _key(name)
        if key in _ALIASES and _ALIASES[key] not in fields.values():
            fields[index] = _ALIASES[key]
        elif key in _DAY_ALIASES and _DAY_ALIASES[key] not in days.values():
            days[index] = _DAY_ALIASES[key]
        elif key:
            ignored.append(name)
    return Header(
        dataset=dataset or _dataset_of(names),
        fields=fields,
        days=days,
        names=names,
        ignored=ignored,
        missing=[f for f in REQUIRED if f not in fields.values()],
    )


def _dataset_of(names: list[str]) -> str:
    keys = {_key(n) for n in names}
    for dataset, signs in _SIGNS.items():
        if keys & {_key(s) for s in signs}:
            return dataset
    return "public_facility"


class UnknownEncoding(ValueError):
    pass


def _decoded(stream: IO[bytes]) -> Iterator[str]:
    """The file's lines as text: UTF-8 (a BOM or none), else CP932 (Shift_JIS as Windows writes
    it). Anything else is refused: a file read in the wrong encoding would import garbage."""
    start = stream.read(65536)
    if b"\x00" in start or start.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, or not text
        raise UnknownEncoding(_("The file is neither UTF-8 nor Shift_JIS (CP932)."))
    for encoding in ("utf-8-sig", "cp932"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            text = decoder.decode(start, final=False)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise UnknownEncoding(_("The file is neither UTF-8 nor Shift_JIS (CP932)."))
    pending = text
    while True:
        lines = pending.split("\n")
        pending = lines.pop()
        yield from (line + "\n" for line in lines)
        chunk = stream.read(65536)
        if not chunk:
            break
        try:
            pending += decoder.decode(chunk, final=False)
        except UnicodeDecodeError as error:
            raise UnknownEncoding(
                _("The file is not readable as %(encoding)s past its beginning: %(error)s")
                % {"encoding": encoding, "error": error.reason}
            ) from error
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def read_rows(stream: IO[bytes], dataset: str | None = None) -> tuple[Header, Iterator[Row]]:
    """The header understood, and the rows one at a time (a row spanning lines inside quotes is
    one row; its number is the line it starts on counted as a spreadsheet counts rows)."""
    reader = csv.reader(_decoded(stream))
    try:
        names = next(reader)
    except StopIteration:
        names = []
    header = read_header(names, dataset)
    return header, _rows(header, reader)


def _rows(header: Header, reader: Any) -> Iterator[Row]:
    width = len(header.names)
    number = 1
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a quote never closed, a stray carriage return
            yield Row(
                number,
                {},
                {},
                [Problem(number, "", _("The row cannot be read: %(error)s") % {"error": error})],
            )
            return
        if not any(cell.strip() for cell in cells):
            continue
        row = Row(
            number,
            {f: _clean(cells[i]) for i, f in header.fields.items() if i < len(cells)},
            {d: _clean(cells[i]) for i, d in header.days.items() if i < len(cells)},
        )
        if len(cells) != width:
            row.problems.append(
                Problem(
                    number,
                    "",
                    _("The row has %(got)s columns where the header has %(width)s.")
                    % {"got": len(cells), "width": width},
                )
            )
        yield row


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip() if text else ""


def column_of(header: Header, name: str) -> str:
    """The header as written for a field (for a problem's column)."""
    for index, field_name in header.fields.items():
        if field_name == name:
            return header.names[index]
    return name


# -- Values ----------------------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2})[:：時](\d{2})?")
_SPAN = re.compile(r"(\d{1,2}[:：時]\d{0,2})\s*[～~〜\-ーから]+\s*(\d{1,2}[:：時]\d{0,2})")


def read_time(text: str) -> dt.time | None:
    """9:00, 9時, 9時30 → a time; 24:00 is the end of the day."""
    match = _TIME.fullmatch(text.strip().rstrip("分"))
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def read_span(text: str) -> tuple[dt.time, dt.time] | None:
    """ "9:00～17:00", "9:00-17:00", "9時から17時" → (opens, closes)."""
    match = _SPAN.search(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    opens, closes = read_time(match.group(1)), read_time(match.group(2))
    return (opens, closes) if opens and closes else None


def read_weekdays(text: str) -> list[int]:
    """ "月火水木金", "月曜日、水曜日", "月～金", "平日" → the days (0 = Monday, 7 = 祝日)."""
    text = unicodedata.normalize("NFKC", text).replace("曜日", "").replace("曜", "")
    if "平日" in text:
        return [0, 1, 2, 3, 4]
    days: list[int] = []
    span = re.search(r"([月火水木金土日])\s*[～~〜\-ー]\s*([月火水木金土日])", text)
    if span:
        first, last = _DAY_LETTERS[span.group(1)], _DAY_LETTERS[span.group(2)]
        days += list(range(first, last + 1))
    days += [_DAY_LETTERS[c] for c in text if c in _DAY_LETTERS]
    return sorted(set(days))


def read_decimal(text: str, low: int, high: int) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value.quantize(Decimal("0.000001")) if low <= value <= high else None


_PHONE_BRACKETS = re.compile(r"^\((\d+)\)\s*")


def read_phone(text: str) -> str:
    """(04)2998-9053 → 04-2998-9053; full-width digits and dashes as half-width."""
    text = unicodedata.normalize("NFKC", text).translate(str.maketrans("ー―‐−–", "-----"))
    return _PHONE_BRACKETS.sub(r"\1-", text).strip()


def read_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None


def split_address(address: str, prefecture: str, municipality: str) -> tuple[str, str]:
    """An address written whole (焼津市本町5-6-1): the 町字 and the 番地以下, once the prefecture
    and the municipality are taken off its start; the 町字 ends where the first digit begins."""
    rest = address
    for part in (prefecture, municipality):
        if part and rest.startswith(part):
            rest = rest[len(part) :]
    match = re.search(r"[0-9０-９]", rest)
    if not match:
        return rest.strip(), ""
    return rest[: match.start()].strip(), rest[match.start() :].strip()


def as_stream(data: bytes) -> IO[bytes]:
    return io.BytesIO(data)


# -- Writing: the directory as a 自治体標準 公共施設一覧 (正式版) -----------------------------------

#: The 正式版 columns written, in order (the day columns carry "9:00-17:00").
FACILITY_HEADER = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "名称_通称",
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
    "電話番号",
    "内線番号",
    "連絡先メールアドレス",
    "郵便番号",
    "団体名",
    "月曜日",
    "火曜日",
    "水曜日",
    "木曜日",
    "金曜日",
    "土曜日",
    "日曜日",
    "祝日",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
]


def facility_rows(listings: Iterable[Any], code: str, town: str) -> Iterator[list[str]]:
    """Each listing (tsunagu.resources.selectors.Listing) as a 公共施設一覧 row: only what the
    listing's reader may see (a closed place: its municipality, no address, no point)."""
    yield FACILITY_HEADER
    for listing in listings:
        resource = listing.resource
        place = next(iter(listing.places), None)
        days: dict[int, list[str]] = {d: [] for d in range(8)}
        for schedule in resource.schedules.all():
            days[schedule.weekday].append(f"{_hhmm(schedule.opens_at)}-{_hhmm(schedule.closes_at)}")
        closed = [
            f"休業: {p.label} {p.starts_month}/{p.starts_day}〜{p.ends_month}/{p.ends_day}"
            for p in resource.closed_periods.all()
        ]
        where = (
            [
                place.location.local_government_code or code,
                place.town_id or "",
                place.address,
                place.prefecture,
                place.municipality,
                place.town or "",
                place.street or "",
                place.building or "",
                str(place.latitude) if place.latitude is not None else "",
                str(place.longitude) if place.longitude is not None else "",
            ]
            if place is not None
            else [code, "", "", "", "", "", "", "", "", ""]
        )
        access = "、".join(place.access_notes) if place is not None else ""
        yield [
            resource.source_code or code,
            resource.source_id or str(resource.pk),
            town,
            resource.name,
            resource.name_kana,
            resource.alternate_name,
            *where,
            listing.value("phone"),
            listing.value("phone_extension"),
            listing.value("email"),
            (place.postal_code or "") if place is not None else "",
            resource.provider.name if resource.provider else "",
            *("、".join(days[d]) for d in range(8)),
            " ".join([resource.schedule_note, *closed]).strip(),
            "\n".join(
                filter(
                    None,
                    [
                        resource.description,
                        listing.front_door and f"問い合わせ先: {listing.front_door}",
                    ],
                )
            ),
            access,
            listing.value("url"),
        ]


def _hhmm(value: dt.time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def write_csv(rows: Iterable[list[str]], stream: IO[str]) -> None:
    """As the 自治体標準 asks: UTF-8 with a BOM (Excel opens it), CRLF, every field quoted where
    it needs to be."""
    stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerows(rows)
