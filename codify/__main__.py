"""Allow ``python -m codify``."""

from codify.launch import main

main()
