"""One module per `python -m bot` command; each defines `add_parser(subparsers)`."""
