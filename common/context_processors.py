from common.navigation import navigation  # noqa: F401 - referenced from settings
