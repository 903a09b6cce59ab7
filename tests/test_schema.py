"""The shipped JSON Schemas match the validator and accept real decks."""

import json

import jsonschema
import pytest
import yaml

from game.decks import json_schemas
from tests.conftest import PROJECT, SAMPLE_DECK

SCHEMA_DIR = PROJECT / "cards" / "schema"
DECK_FOLDERS = [SAMPLE_DECK, *sorted(p.parent for p in (PROJECT / "cards").glob("*/deck.yaml"))]


def test_shipped_schemas_are_generated_from_the_format():
    for name, schema in json_schemas().items():
        shipped = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        assert shipped == schema, f"cards/schema/{name} is out of date: run 'python main.py schema'"


@pytest.mark.parametrize("folder", DECK_FOLDERS, ids=lambda p: p.name)
def test_deck_files_satisfy_the_schema(folder):
    schemas = json_schemas()
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        schema = schemas["deck.schema.json" if path.name == "deck.yaml" else "language.schema.json"]
        jsonschema.validate(data, schema)


def test_the_schema_rejects_what_the_validator_rejects():
    schemas = json_schemas()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": 1, "source_language": "en", "cards": [{"id": "x", "bron": 1}]},
                            schemas["deck.schema.json"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"language": "bg", "cards": {"x": {"story": 5}}}, schemas["language.schema.json"])
