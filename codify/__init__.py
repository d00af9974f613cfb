"""codify: turn a health-care innovation into an adoptable playbook."""

__version__ = "0.1.0"
FORMAT_VERSION = 1
