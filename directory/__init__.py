"""Expert directory: finds the experts quoted in news articles and builds a profile for each."""

__version__ = "0.1.0"
