"""Editors' photos: responsive variants in modern and fallback formats, turned the
right way, without metadata, never the original; cached; bad files explained."""

import io
import os
import re
import struct
import warnings
import zlib

import pytest
from conftest import TEST_SITEURL, BuiltSite, run_build
from PIL import Image

from bimoc.serve import free_port, start_server
from plugins.images.images import open_checked

NEWS = "Title: Photos\nDate: 2026-01-15\nCategory: Actualités\n\nTexte.\n\n{images}\n"


def photo_site(folder, images: dict[str, Image.Image], markdown: str, exif=None) -> "tuple":
    content = folder / "content"
    (content / "images").mkdir(parents=True)
    (content / "actualites").mkdir()
    for name, image in images.items():
        options = {"exif": exif.tobytes()} if exif is not None and name.endswith(".jpg") else {}
        image.save(content / "images" / name, **options)
    (content / "actualites" / "photos.md").write_text(
        NEWS.format(images=markdown), encoding="utf-8"
    )
    return content, None


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk, its checksum right."""
    crc = struct.pack(">I", zlib.crc32(kind + data))
    return struct.pack(">I", len(data)) + kind + data + crc


def png(width: int, height: int, rows: int | None = None) -> bytes:
    """A black-and-white PNG claiming `width` × `height` pixels, with `rows` rows
    of pixel data (all of them by default): a few KB however large it claims to be."""
    row = bytes(1 + (width + 7) // 8)  # filter byte, then 1 bit per pixel
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height if rows is None else rows))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data + packer.flush())
        + chunk(b"IEND", b"")
    )


def png_holding(kind: bytes, data: bytes, after_pixels: bool = False) -> bytes:
    """A small PNG with one more chunk, before or after its pixels."""
    plain = png(10, 10)
    where = plain.index(b"IEND" if after_pixels else b"IDAT") - 4  # the chunk's length first
    return plain[:where] + chunk(kind, data) + plain[where:]


# 5 KB that inflate to 5 MB, past Pillow's limit for a text chunk or a colour profile.
INFLATING = zlib.compress(b"x" * 5_000_000, 9)


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose header claims `width` × `height` pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "JPEG")
    data = buffer.getvalue()
    frame = data.index(b"\xff\xc0") + 5  # start of frame: length, precision, then the size
    return data[:frame] + struct.pack(">HH", height, width) + data[frame + 4 :]


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("photos")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turned a quarter
    exif[0x8825] = {2: (43.0, 36.0, 0.0)}  # a GPS position
    images = {
        "concert.jpg": Image.new("RGB", (3000, 2000), (180, 40, 60)),
        "logo.png": Image.new("RGBA", (800, 600), (0, 0, 255, 100)),
    }
    content, _ = photo_site(
        folder,
        images,
        "![Le concert]({static}/images/concert.jpg)\n\n![Le logo]({static}/images/logo.png)",
        exif,
    )
    output = folder / "output"
    result = run_build(output, "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    return BuiltSite(output, TEST_SITEURL, result), content


def test_originals_are_never_published(photos):
    site, _ = photos
    assert not (site.root / "images" / "concert.jpg").exists()
    assert not (site.root / "images" / "logo.png").exists()
    assert not list(site.root.rglob("concert*"))


def test_markup_offers_widths_formats_and_sizes(photos):
    site, _ = photos
    page = site.page("actualites/2026/photos/")
    pictures = page.xpath("//main//picture")
    assert len(pictures) == 2
    first, second = (picture.xpath(".//img")[0] for picture in pictures)
    assert first.get("alt") == "Le concert" and first.get("loading") is None, (
        "the first is not lazy"
    )
    assert second.get("loading") == "lazy"
    assert (first.get("width"), first.get("height")) == ("1440", "2160"), "turned the right way"
    assert re.fullmatch(
        r"(\S+-(480|960|1440)\.jpg \2w, ){2}\S+-1440\.jpg 1440w", first.get("srcset")
    )
    webp = pictures[0].xpath(".//source/@srcset")[0]
    assert webp.count(".webp") == 3 and pictures[0].xpath(".//source/@type") == ["image/webp"]
    assert first.get("sizes") and second.get("src").endswith("-800.png"), "transparency kept in PNG"
    for url in page.xpath("//main//img/@src | //main//source/@srcset"):
        for candidate in url.split(", "):
            assert site.file(candidate.split()[0].removeprefix(site.siteurl)).is_file()


def test_variants_are_turned_and_stripped_of_metadata(photos):
    site, _ = photos
    variants = sorted((site.root / "images" / "web").glob("*-960.jpg"))
    assert variants
    with Image.open(variants[0]) as image:
        assert image.size == (960, 1440)
        assert dict(image.getexif()) == {}
    with Image.open(next((site.root / "images" / "web").glob("*-960.webp"))) as image:
        assert image.format == "WEBP" and dict(image.getexif()) == {}


def test_a_rebuild_does_no_image_work(photos, tmp_path):
    site, content = photos
    cache = content.parent / ".cache" / "images"
    stamps = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    again = run_build(tmp_path / "output", "--production", "--content", str(content))
    assert again.returncode == 0
    assert {path: path.stat().st_mtime_ns for path in cache.iterdir()} == stamps


@pytest.mark.parametrize(
    "name, make, message",
    [
        (
            "immense.png",
            lambda path: Image.new("L", (10_001, 10)).save(path),
            "dépasse 10 000 pixels",
        ),
        (
            "casse.jpg",
            lambda path: path.write_bytes(b"pas une image"),
            "n’est pas une image lisible",
        ),
        (
            "bombe.png",
            lambda path: path.write_bytes(png(20_000, 20_000)),
            "dépasse 10 000 pixels",
        ),
        (
            "geante.jpg",
            lambda path: path.write_bytes(jpeg_claiming(60_000, 60_000)),
            "dépasse 10 000 pixels",
        ),
        (
            "avertissement.png",  # Pillow warns between 89 and 179 million pixels
            lambda path: path.write_bytes(png(12_000, 9_000, rows=1)),
            "dépasse 10 000 pixels",
        ),
        (
            "texte-gonfle.png",  # a compressed text chunk
            lambda path: path.write_bytes(png_holding(b"zTXt", b"Comment\0\0" + INFLATING)),
            "n’est pas une image lisible",
        ),
        (
            "texte-apres.png",  # read once the pixels are decoded
            lambda path: path.write_bytes(
                png_holding(b"iTXt", b"Comment\0\1\0\0\0" + INFLATING, after_pixels=True)
            ),
            "n’est pas une image lisible",
        ),
        (
            "profil-gonfle.png",  # a colour profile
            lambda path: path.write_bytes(png_holding(b"iCCP", b"Profil\0\0" + INFLATING)),
            "n’est pas une image lisible",
        ),
        (
            "entete-court.png",  # Pillow: ValueError
            lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\0\0")),
            "n’est pas une image lisible",
        ),
        (
            "lourde.png",
            lambda path: path.write_bytes(b"\x89PNG" + os.urandom(16 * 1024 * 1024)),
            "plus de 15 Mo",
        ),
    ],
)
def test_bad_photos_are_explained_in_french(tmp_path, name, make, message):
    content, _ = photo_site(tmp_path, {}, f"![Une image]({{static}}/images/{name})")
    make(content / "images" / name)
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 1
    assert f"ERREUR : content/actualites/photos.md : l’image « images/{name} » : " in result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("ERREUR : ") == 1, "no internal error besides"
    assert "Warning" not in result.stderr, "nor Pillow's warning"
    assert not (tmp_path / "output").exists()


def test_a_decompression_bomb_is_never_decoded(tmp_path):
    bomb = tmp_path / "bombe.png"
    bomb.write_bytes(png(20_000, 20_000))
    assert bomb.stat().st_size < 100_000
    with pytest.raises(Exception, match="image_too_large"):
        open_checked(bomb)


def test_a_photo_at_the_limit_opens_without_pillows_warning(tmp_path):
    large = tmp_path / "grande.png"
    large.write_bytes(png(10_000, 9_500))  # 95 million pixels: Pillow warns over 89
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert open_checked(large).size == (10_000, 9_500)


@pytest.fixture(scope="module")
def served_phone_photo(tmp_path_factory):
    """A news item with an editor's phone photo (4,000 × 3,000 px), served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("phone-photo")
    photo = {"telephone.jpg": Image.new("RGB", (4000, 3000), (90, 120, 60))}
    caption = '![La salle]({static}/images/telephone.jpg "La salle, avant la réunion")'
    content, _ = photo_site(folder, photo, caption)
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    output = folder / "output"
    result = run_build(output, "--production", "--content", str(content), siteurl=siteurl)
    assert result.returncode == 0, result.stderr
    server = start_server(output, port)
    yield f"{siteurl}/actualites/2026/photos/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_a_phone_photo_never_makes_the_page_scroll_sideways(served_phone_photo, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(served_phone_photo)
    box = page.locator("main img").bounding_box()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.close()
    assert box["width"] > width / 2, "the photo is shown, not shrunk to nothing"
    assert overflow <= 0 and box["x"] + box["width"] <= width, f"{overflow}px wider than the screen"


def test_a_photo_alone_with_a_title_is_a_figure_with_its_caption(tmp_path):
    photo = {"salle.jpg": Image.new("RGB", (1200, 800), (90, 120, 60))}
    text = (
        '![La salle]({static}/images/salle.jpg "La salle & ses « 40 » places")\n\n'
        "Une photo dans une phrase ![Le pupitre]({static}/images/salle.jpg) reste en ligne."
    )
    content, _ = photo_site(tmp_path, photo, text)
    output = tmp_path / "output"
    result = run_build(output, "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    page = BuiltSite(output, TEST_SITEURL).page("actualites/2026/photos/")
    figures = page.xpath("//main//figure")
    assert len(figures) == 1 and not page.xpath("//main//p//figure")
    assert figures[0].xpath("string(figcaption)").startswith("La salle & ses «")
    assert figures[0].xpath(".//img/@alt") == ["La salle"]
    assert not figures[0].xpath(".//img/@title"), "the caption is said once"
    assert page.xpath("//main//p//img/@alt") == ["Le pupitre"]


def test_an_avif_photo_is_published_as_variants_never_as_sent(tmp_path):
    exif = Image.Exif()
    exif[0x8825] = {2: (43.0, 36.0, 0.0)}  # a GPS position
    content, _ = photo_site(tmp_path, {}, "![Une photo]({static}/images/photo.avif)")
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(
        content / "images" / "photo.avif", exif=exif.tobytes()
    )
    result = run_build(tmp_path / "output", "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "output", TEST_SITEURL, result)
    assert not list(site.root.rglob("*.avif")), "the original (its GPS position) is not published"
    assert site.page("actualites/2026/photos/").xpath("//main//picture//img/@width") == ["1200"]
