"""Check every curated sample: python scripts/check_library.py [DIR ...]

Prints each problem as `path: field: message` and exits 1 if there is any;
DIR defaults to library/samples.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.library.load import LibraryError, load_library  # noqa: E402
from shuzhi.library.model import REPORT_TYPES  # noqa: E402


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "library" / "samples"]
    failed = False
    for directory in dirs:
        try:
            library = load_library(directory, root=ROOT)
        except LibraryError as err:
            failed = True
            for problem in err.problems:
                print(problem, file=sys.stderr)
            print(f"{directory}: 共 {len(err.problems)} 个问题", file=sys.stderr)
            continue
        counts = "，".join(f"{t.name} {len(library.by_type(t.name))} 篇" for t in REPORT_TYPES)
        excluded = len(list(directory.glob("*.yml"))) - len(library.samples)
        print(f"{directory}: 全部通过，共 {len(library.samples)} 篇（{counts}）" + (f"，不发布 {excluded} 篇" if excluded else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
