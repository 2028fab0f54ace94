"""`python -m parr`: the same command line as the `parr` script."""

from parr.cli import main

if __name__ == "__main__":
    main(prog_name="parr")
