"""Text in legacy and Unicode encodings reads back exactly, and the encoding is recorded."""

import codecs

import pytest

from desktop.storage.documents import load_document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.text import ENCODING_CHOICES, encoding_label

ARABIC = (
    "تقرير خاص: أعلنت الجماعة المسلحة أنها ستستهدف القوات الأجنبية في العراق إذا لم تنسحب "
    "قبل نهاية العام.\nوقال المتحدث باسم الجماعة إن الهجمات ستستمر حتى الانسحاب الكامل.\n"
)
RUSSIAN = (
    "Специальный доклад: вооружённая группа заявила, что будет атаковать иностранные "
    "войска в Ираке, если они не уйдут до конца года.\nПредставитель группы сказал, что "
    "нападения продолжатся до полного вывода.\n"
)
ENGLISH = "Militia threatens troops.\nThe group said on Tuesday it would act 😀 soon.\n"


def load(tmp_path, raw: bytes, name: str = "doc.txt", encoding: str | None = None):
    path = tmp_path / name
    path.write_bytes(raw)
    return load_document(path, encoding)


@pytest.mark.parametrize(
    ("text", "codec"),
    [(ARABIC, "cp1256"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r"),
     ("Café “smart quotes” – naïve €5 à bientôt\n", "cp1252")],
)
def test_legacy_encodings_are_detected_and_recorded(tmp_path, text, codec):
    doc = load(tmp_path, text.encode(codec))
    assert doc.text == text
    assert codecs.lookup(doc.encoding).name == codecs.lookup(codec).name


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, ARABIC, RUSSIAN], ids=["en", "ar", "ru"])
def test_utf16_without_a_bom(tmp_path, codec, text):
    doc = load(tmp_path, text.encode(codec))
    assert doc.text == text
    assert doc.encoding == codec


def test_emoji_in_utf8_and_bom_encodings_recorded(tmp_path):
    assert load(tmp_path, ENGLISH.encode()).encoding == "utf-8"
    doc = load(tmp_path, codecs.BOM_UTF8 + ENGLISH.encode())
    assert doc.text == ENGLISH and doc.encoding == "utf-8-sig"
    doc = load(tmp_path, ENGLISH.encode("utf-16"))
    assert doc.text == ENGLISH and doc.encoding == "utf-16"


def test_crlf_and_cr_become_lf_in_a_legacy_encoding(tmp_path):
    raw = ARABIC.replace("\n", "\r\n").encode("cp1256")
    assert load(tmp_path, raw).text == ARABIC
    assert load(tmp_path, RUSSIAN.replace("\n", "\r").encode("cp1251")).text == RUSSIAN


def test_an_explicit_encoding_overrides_detection(tmp_path):
    raw = RUSSIAN.encode("cp1251")
    doc = load(tmp_path, raw, encoding="koi8-r")
    assert doc.encoding == "koi8-r" and doc.text == raw.decode("koi8-r")
    assert load(tmp_path, raw, encoding="cp1251").text == RUSSIAN


def test_an_encoding_that_cannot_decode_the_file_says_where(tmp_path):
    with pytest.raises(DocumentError) as info:
        load(tmp_path, ARABIC.encode("cp1256"), encoding="utf-8")
    assert "cannot be read as Unicode (UTF-8)" in str(info.value)
    assert "position 0" in str(info.value)


def test_an_unknown_encoding_name_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="not a text encoding"):
        load(tmp_path, b"hello", encoding="no-such-codec")


def test_explicit_utf8_skips_a_bom(tmp_path):
    assert load(tmp_path, codecs.BOM_UTF8 + b"hi there", encoding="utf-8").text == "hi there"


def test_markdown_in_a_legacy_encoding(tmp_path):
    doc = load(tmp_path, ("# عنوان\n\n" + ARABIC).encode("cp1256"), name="ar.md")
    assert doc.encoding == "cp1256"
    assert doc.text.startswith("عنوان\n\n")
    assert doc.styles[0] == (0, 5, "heading1")


@pytest.mark.parametrize("raw", [
    b"\x00\x01\x02\x03" * 50,
    b"\x7fELF\x02\x01\x01\x00" + bytes(64),
    b"".join(n.to_bytes(2, "little") for n in range(600)),  # NULs on one side, yet binary
])
def test_binary_is_refused(tmp_path, raw):
    with pytest.raises(DocumentError, match="binary"):
        load(tmp_path, raw)


def test_every_offered_encoding_is_a_python_codec_with_a_label():
    for codec, label in ENCODING_CHOICES:
        codecs.lookup(codec)
        assert encoding_label(codec) == label
    assert encoding_label("cp1256") == "Arabic (Windows-1256)"
    assert encoding_label("windows-1256") == "Arabic (Windows-1256)"
    assert encoding_label("nonsense") == "nonsense"
