"""``python3 -m openprofile``: bootstrap the environment, then run the command line."""

from openprofile.bootstrap import ensure_environment

ensure_environment()

from openprofile.cli import main  # noqa: E402  (needs the environment made above)

raise SystemExit(main())
