"""Install Grammalecte (GPL-3) and the French thesaurus mythes-fr (LGPL) into the running venv from Debian.

Run by scripts/bootstrap.sh with .venv/bin/python: `apt-get download` the Debian packages (no root needed
once apt's lists exist), unpack them with `dpkg-deb -x`, copy the `grammalecte` package into the venv's
site-packages and thes_fr.dat/.idx into .venv/share/mythes/. Falls back to the system's copies when apt
cannot download. A no-op when both are in place; LOCALREWRITE_THESAURUS names another thesaurus.
"""

from __future__ import annotations

import compileall
import importlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

SITE = Path(sysconfig.get_paths()["purelib"])
MYTHES = Path(sys.prefix) / "share" / "mythes"
THESAURUS = ("thes_fr.dat", "thes_fr.idx")
SYSTEM_SITE = Path("/usr/lib/python3/dist-packages")
SYSTEM_MYTHES = Path("/usr/share/mythes")

GRAMMALECTE_HELP = ("Grammalecte not found and apt-get cannot fetch python3-grammalecte: download "
                    "Grammalecte-fr-v2.1.2.zip from https://grammalecte.net, `.venv/bin/pip install` it, "
                    "then run bash scripts/bootstrap.sh again.")
THESAURUS_HELP = ("French thesaurus not found and apt-get cannot fetch mythes-fr: put thes_fr.dat and thes_fr.idx "
                  "from LibreOffice's French dictionary extension into .venv/share/mythes/, "
                  "or set LOCALREWRITE_THESAURUS=path/to/thes_fr.dat.")


class SetupError(Exception):
    """A one-line message saying what to do."""


def grammalecte_installed() -> bool:
    return (SITE / "grammalecte" / "fr" / "gc_engine.py").is_file()


def thesaurus_installed() -> bool:
    given = os.environ.get("LOCALREWRITE_THESAURUS")
    if given:
        if not Path(given).is_file():
            raise SetupError(f"LOCALREWRITE_THESAURUS={given} is not a file: point it at thes_fr.dat or unset it.")
        return True
    return all((MYTHES / name).is_file() and (MYTHES / name).stat().st_size > 0 for name in THESAURUS)


def apt_unpack(packages: list[str], into: Path) -> Path | None:
    """Download packages with apt-get and unpack them into `into`/root; None when apt cannot."""
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        return None

    def download() -> bool:
        return subprocess.run(["apt-get", "download", "-qq", *packages], cwd=into,
                              capture_output=True).returncode == 0

    if not download():
        if os.geteuid() != 0:
            return None
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        if not download():
            return None
    root = into / "root"
    for deb in sorted(into.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def copy_tree(source: Path, target: Path) -> None:
    """Replace target with a copy of source; a half-finished copy never sits at target."""
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(source, partial, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)


def install_grammalecte(root: Path | None) -> str:
    for base in ([root / "usr/lib/python3/dist-packages"] if root else []) + [SYSTEM_SITE]:
        if (base / "grammalecte" / "fr" / "gc_engine.py").is_file():
            copy_tree(base / "grammalecte", SITE / "grammalecte")
            # Byte-compiled now, its 4 MB of rules load in 0.3 s rather than 2.5 s even under PYTHONDONTWRITEBYTECODE.
            compileall.compile_dir(SITE / "grammalecte", quiet=1)
            for info in base.glob("Grammalecte_fr-*.egg-info"):
                copy_tree(info, SITE / info.name)
            return "Debian package" if base != SYSTEM_SITE else str(base)
    raise SetupError(GRAMMALECTE_HELP)


def install_thesaurus(root: Path | None) -> str:
    for base in ([root / "usr/share/mythes"] if root else []) + [SYSTEM_MYTHES]:
        if all((base / name).is_file() for name in THESAURUS):
            MYTHES.mkdir(parents=True, exist_ok=True)
            for name in THESAURUS:
                shutil.copyfile(base / name, MYTHES / name)  # follows links: the .dat may be one
            return "Debian package" if base != SYSTEM_MYTHES else str(base)
    raise SetupError(THESAURUS_HELP)


def verify() -> str:
    """Import the installed Grammalecte; the thesaurus must be non-empty. Returns Grammalecte's version."""
    if not thesaurus_installed():
        raise SetupError(THESAURUS_HELP)
    importlib.invalidate_caches()
    try:
        from grammalecte.fr import gc_engine
    except ImportError as exc:
        raise SetupError(f"Grammalecte was copied into {SITE} but does not import ({exc}).") from None
    return gc_engine.__version__


def main() -> int:
    if sys.prefix == sys.base_prefix:
        print("Run this with the venv's Python: .venv/bin/python scripts/setup_resources.py "
              "(bash scripts/bootstrap.sh does).", file=sys.stderr)
        return 1
    try:
        wanted = {"python3-grammalecte": not grammalecte_installed(), "mythes-fr": not thesaurus_installed()}
        missing = [package for package, needed in wanted.items() if needed]
        if not missing:
            print(f"Grammalecte and the French thesaurus already installed for {sys.prefix}")
            return 0
        with tempfile.TemporaryDirectory(prefix="localrewrite-resources-") as tmp:
            root = apt_unpack(missing, Path(tmp))
            done = []
            if wanted["python3-grammalecte"]:
                done.append(f"Grammalecte into {SITE} (from {install_grammalecte(root)})")
            if wanted["mythes-fr"]:
                done.append(f"thes_fr.dat/.idx into {MYTHES} (from {install_thesaurus(root)})")
        version = verify()
    except SetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Installed {' and '.join(done)}; Grammalecte {version} imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
