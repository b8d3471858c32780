"""Editors' photos, made fit for the web. Each `![alt]({static}/images/x.jpg)`
becomes a <picture>: WebP and JPEG (PNG when transparent) at a few widths, with
srcset/sizes, width/height (no layout shift) and lazy loading for every image
but the first. The EXIF orientation is applied and all metadata (GPS position
included) dropped; the original is never published. Derived files are cached
by content hash, so a rebuild does no image work for unchanged photos. Files
too big or broken stop the build with a French message."""

import hashlib
import html
import re
import shutil
import struct
import warnings
from pathlib import Path

from pelican import signals
from pelican.contents import Content, Static
from PIL import Image, ImageOps, UnidentifiedImageError

from plugins.common.links import is_inside, source_key
from plugins.common.problems import report

# AVIF too: content/images/ accepts it, and as sent it would carry its GPS position.
RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".tif", ".tiff")
TRANSPARENT = (".png", ".gif", ".webp", ".avif")  # may be: their fallback is PNG
DEFAULT_WIDTHS = [480, 960, 1440]
SIZES = "(min-width: 45rem) 42rem, 100vw"  # the text column's width (--measure)
MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 10_000
OUTPUT_FOLDER = "images/web"
# What Pillow raises for a hostile or broken file, besides OSError: a text or
# colour-profile chunk of a PNG that inflates past Pillow's limit (ValueError),
# a chunk or a header that lies (SyntaxError, struct.error, EOFError).
BROKEN_FILE = (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error, EOFError)
IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')


class ImageProblem(Exception):
    """A photo that cannot be published; its argument is the message's code."""


def cache_folder(settings: dict) -> Path:
    return Path(
        settings.get("IMAGE_CACHE_PATH") or Path(settings["PATH"]).parent / ".cache" / "images"
    )


def check_weight(path: Path) -> None:
    if path.stat().st_size > MAX_BYTES:
        raise ImageProblem("image_too_heavy")


def open_checked(path: Path) -> Image.Image:
    """The photo, decoded only once its header's size is known to be within
    limits: a few KB of PNG can claim 20,000 × 20,000 pixels (a decompression
    bomb), 1.6 GB once decoded. Pillow's own guard (an error over 179 million
    pixels, a warning over 89) would come out as an internal error: our limit
    is checked first, and its warning is silenced since the check replaces it.
    Only Pillow's own calls are in the `try`: a fault of this plugin stays one."""
    check_weight(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)  # reads the header only
    except Image.DecompressionBombError:
        raise ImageProblem("image_too_large") from None
    except BROKEN_FILE:
        raise ImageProblem("image_unreadable") from None
    if max(image.size) > MAX_PIXELS:
        raise ImageProblem("image_too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
            return ImageOps.exif_transpose(image)  # turned the right way; no EXIF in the copy
    except Image.DecompressionBombError:
        raise ImageProblem("image_too_large") from None
    except BROKEN_FILE:
        raise ImageProblem("image_unreadable") from None


def variants(
    source: Path, widths: list[int], cache: Path
) -> tuple[list[tuple[int, Path, Path]], tuple[int, int]]:
    """[(width, webp, fallback)] in the cache, made once per content hash; and the full size."""
    check_weight(source)  # before reading it whole to hash it
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    size_file = cache / f"{digest}.size"
    if size_file.exists():  # already made: no image work at all
        width, height = map(int, size_file.read_text().split())
        image = None
    else:
        image = open_checked(source)
        width, height = image.size
    transparent = source.suffix.lower() in TRANSPARENT
    fallback_suffix = ".png" if transparent else ".jpg"
    made = []
    for target in sorted({min(w, width) for w in widths}):
        webp, fallback = (
            cache / f"{digest}-{target}.webp",
            cache / f"{digest}-{target}{fallback_suffix}",
        )
        if not (webp.exists() and fallback.exists()):
            image = image or open_checked(source)
            cache.mkdir(parents=True, exist_ok=True)
            resized = image.resize(
                (target, round(height * target / width)), Image.Resampling.LANCZOS
            )
            resized.save(webp, "WEBP", quality=80)
            if transparent:
                resized.save(fallback, "PNG", optimize=True)
            else:
                resized.convert("RGB").save(
                    fallback, "JPEG", quality=82, progressive=True, optimize=True
                )
        made.append((target, webp, fallback))
    if not size_file.exists():
        size_file.write_text(f"{width} {height}")  # last: the variants are all there
    return made, (width, height)


def picture(attributes: dict, made: list, size: tuple[int, int], urls: dict, lazy: bool) -> str:
    width, height = size
    largest = made[-1][0]
    shown_height = round(height * largest / width)

    def srcset(index: int) -> str:
        return ", ".join(f"{urls[variant[index]]} {variant[0]}w" for variant in made)

    extra = {key: value for key, value in attributes.items() if key not in ("src", "alt")}
    loading = ' loading="lazy"' if lazy else ""
    others = "".join(f' {key}="{html.escape(value)}"' for key, value in extra.items())
    return (
        f'<picture><source type="image/webp" srcset="{srcset(1)}" sizes="{SIZES}">'
        f'<img src="{urls[made[-1][2]]}" srcset="{srcset(2)}" sizes="{SIZES}" '
        f'width="{largest}" height="{shown_height}" alt="{html.escape(attributes.get("alt", ""))}"'
        f'{others}{loading} decoding="async"></picture>'
    )


def process_images(content: Content) -> None:
    if isinstance(content, Static) or not content._content or "<img" not in content._content:
        return
    settings = content.settings
    root = Path(settings["PATH"])
    output = Path(settings["OUTPUT_PATH"]) / OUTPUT_FOLDER
    widths = settings.get("IMAGE_WIDTHS", DEFAULT_WIDTHS)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        # As written in HTML (R&amp;D): the values themselves, escaped once again below.
        attributes = {
            name: html.unescape(value) for name, value in ATTRIBUTE.findall(match.group(0))
        }
        source = attributes.get("src", "")
        # `{static}/images/a.jpg`, or the site's own address `/images/a.jpg` (the
        # link checks accept it): both are the photo, whose original is never published.
        if not source.startswith(("{static}/", "/")) or not source.lower().endswith(RASTER):
            return match.group(0)
        relative = source.removeprefix("{static}")
        key = source_key(relative, content.relative_source_path)
        path = root / key
        if not is_inside(key) or not path.is_file():
            return match.group(0)  # the content checks report it
        try:
            made, size = variants(path, widths, cache_folder(settings))
        except ImageProblem as problem:
            target = relative.lstrip("/")
            report(content.source_path, settings, None, str(problem), target=target)
            return match.group(0)
        output.mkdir(parents=True, exist_ok=True)
        urls = {}
        for _, *files in made:
            for file in files:
                shutil.copyfile(file, output / file.name)
                urls[file] = f"{settings['SITEURL']}/{OUTPUT_FOLDER}/{file.name}"
        count += 1
        return picture(attributes, made, size, urls, lazy=count > 1)

    content._content = captioned(IMG.sub(replace, content._content))


# A photo alone in its paragraph, with a title (`![alt](src "Légende")`): a figure.
ALONE = re.compile(r"<p>\s*(<picture>(?:(?!</picture>).)*</picture>)\s*</p>", re.DOTALL)
TITLE = re.compile(r' title="([^"]*)"')


def captioned(body: str) -> str:
    """Each photo alone in its paragraph whose title is its caption, as a
    <figure> with its <figcaption> (a figure may not sit inside a <p>)."""

    def figure(match: re.Match) -> str:
        title = TITLE.search(match.group(1))
        if not title or not title.group(1).strip():
            return match.group(0)
        image = TITLE.sub("", match.group(1), count=1)  # the caption says it, once
        return f"<figure>{image}<figcaption>{title.group(1)}</figcaption></figure>"

    return ALONE.sub(figure, body)


def drop_originals(generator) -> None:
    """Photos are published as their web variants only, never as sent (their GPS position...)."""
    kept = [
        static
        for static in generator.context["staticfiles"]
        if not static.source_path.lower().endswith(RASTER)
    ]
    generator.context["staticfiles"][:] = kept


def register() -> None:
    signals.content_object_init.connect(process_images)
    signals.static_generator_finalized.connect(drop_originals)
