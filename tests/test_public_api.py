"""The names the README promises at the package's top level resolve (they are imported lazily)."""

import newsclean


def test_every_public_name_resolves() -> None:
    for name in newsclean.__all__:
        assert getattr(newsclean, name) is not None, name
    assert newsclean.line_key("Home  >  News") == newsclean.line_key("home > news")
