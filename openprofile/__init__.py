"""OpenProfile: unified customer profiles, known and unknown, as a dbt project on DuckDB.

The SQL lives in the dbt project at the repository root (models/, macros/, seeds/). This
package holds what SQL is the wrong tool for: the command line (``python -m openprofile``),
the environment bootstrap and the demo data generator.
"""

__version__ = "0.1.0"
