"""The data folder: settings that a room keeps between runs."""

from game.store import Settings, Store


def test_settings_are_remembered_and_a_damaged_file_gives_the_defaults(tmp_path):
    store = Store(tmp_path)
    assert store.settings() == Settings()
    store.remember(language="pl")
    store.remember(fullscreen=True)
    assert Store(tmp_path).settings() == Settings(language="pl", fullscreen=True)
    for damaged in ("{not json", "[1, 2]", '{"language": 7, "fullscreen": "yes"}'):
        store.settings_path.write_text(damaged)
        assert store.settings() == Settings()
