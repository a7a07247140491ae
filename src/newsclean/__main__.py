"""`python -m newsclean`: the `newsclean` console command, for environments without the script."""

from newsclean.cli import app

app(prog_name="newsclean")
