"""Make the playbook's fonts: static Noto Sans faces cut to the Latin scripts.

The source is the variable Noto Sans that the PyPI package fontpkg-noto-sans ships.

Run once when the fonts change:  pip install fontpkg-noto-sans fonttools; python tools/make_fonts.py
Noto Sans is under the SIL Open Font License 1.1 with no reserved font name, so instancing and
subsetting it is allowed; the licence travels with the files (templates/fonts/OFL.txt).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import fontpkg_noto_sans  # type: ignore[import-not-found]
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "templates" / "fonts"
# Basic Latin, Latin-1, Latin Extended-A and -B (Welsh ŵ ŷ, Irish á), Latin Extended Additional
# (Welsh ẁ ẃ ỳ), general punctuation, currency, letterlike symbols, arrows, a few maths signs.
UNICODES = (
    "U+0020-024F,U+0259,U+02BB-02BC,U+02C6-02DD,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,"
    "U+2100-214F,U+2190-21FF,U+2212,U+2215,U+2260-2265,U+25A1,U+25CF,U+25C6"
)
FACES = {
    "NotoSans-Regular.ttf": ("NotoSans[wdth,wght].ttf", 400),
    "NotoSans-Bold.ttf": ("NotoSans[wdth,wght].ttf", 700),
    "NotoSans-Italic.ttf": ("NotoSans-Italic[wdth,wght].ttf", 400),
    "NotoSans-BoldItalic.ttf": ("NotoSans-Italic[wdth,wght].ttf", 700),
}


def main() -> None:
    """Write the four static faces and the licence."""
    source = Path(fontpkg_noto_sans.ROOT)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (variable, weight) in FACES.items():
        font = TTFont(source / "files" / variable)
        static = instancer.instantiateVariableFont(
            font, {"wght": weight, "wdth": 100}, updateFontNames=True
        )
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=subset.parse_unicodes(UNICODES))
        cutter.subset(static)
        static.save(OUT / name)
    shutil.copy(source / "LICENSE", OUT / "OFL.txt")


if __name__ == "__main__":
    main()
