"""The README's Python examples run and print what the README says they print.

An example states its output as a comment: ``print(...)  # output`` on the print line, or
``# output`` on the line after it.
"""

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
STATED = [code for code in BLOCKS if re.search(r"print\(.*\)\s+#|print\(.*\)\n# ", code)]


def test_the_readme_states_outputs():
    assert len(STATED) >= 2


@pytest.mark.parametrize("code", STATED, ids=[f"example-{k}" for k in range(len(STATED))])
def test_readme_python_example_prints_its_stated_output(code):
    expected = re.search(r"print\(.*\)(?:\s+|\n)# (.*)", code).group(1).strip()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {})
    assert out.getvalue().strip() == expected
