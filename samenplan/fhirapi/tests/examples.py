"""Where the tests find the Nictiz nl-core R4 examples: a copy in the repository
(CC0; see nictiz/SOURCE.md and nictiz/LICENSE), so a clean clone has them."""

from pathlib import Path

NICTIZ = Path(__file__).resolve().parent / "nictiz"
