"""vigil.toml: defaults, relative paths, and errors that name the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigil.errors import ConfigError
from vigil.run.config import VigilConfig, load_config, parse_config
from vigil.settings import Settings


def test_empty_file_is_all_defaults() -> None:
    assert parse_config("") == VigilConfig()


def test_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "vigil.toml"
    path.write_text('[sources]\nais = ["ais/"]\nlists = ["/abs/un.xml"]\n[report]\nout = "out"\n')
    config = load_config(Settings(home=tmp_path), path)
    assert config.sources.ais == [tmp_path / "ais"]
    assert config.sources.lists == [Path("/abs/un.xml")]
    assert config.report.out == tmp_path / "out"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[api]\nport = 70000", "api.port"),
        ("[api]\nrate_per_second = 'fast'", "api.rate_per_second"),
        ("[report]\npdf = 'sometimes'", "report.pdf"),
        ("[reprot]\nout = 'x'", "reprot"),
        ("[sources]\nais = 'not a list'", "sources.ais"),
        ("[detect]\nenabled = 'yes please'", "detect.enabled"),
        ("[api\nport = 1", "not valid TOML"),
    ],
)
def test_invalid_config_names_the_key(text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")) as info:
        parse_config(text, "my.toml")
    assert str(info.value).startswith("my.toml: ")


def test_missing_named_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(Settings(home=tmp_path, config=tmp_path / "nope.toml"))


README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_is_valid_and_documents_every_key() -> None:
    text = README.read_text("utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    config = parse_config(example, "README.md")
    for section in VigilConfig.model_fields:
        assert f"[{section}]" in example
        for key in type(getattr(config, section)).model_fields:
            assert re.search(rf"^\s*{key} =", example, re.M), f"README lacks {section}.{key}"


def test_vigil_config_setting_is_read_and_documented() -> None:
    assert Settings.from_env({"VIGIL_CONFIG": "/x/v.toml"}).config == Path("/x/v.toml")
    assert "`VIGIL_CONFIG`" in README.read_text("utf-8")
