{#- The stored table's columns of an incremental model ({{ this }}), in order, after checking
    that they are the columns the model documents (every built column is documented:
    tests/pytest/test_project_structure.py). A table built by another version of the model (a
    column missing or left over) stops the incremental build, saying to rebuild it. Used by the
    sync models (sync_rows) and the landed-file base models (not_loaded_before). -#}
{% macro stored_columns() %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set stored = relation_column_names(this) -%}
    {%- set documented = model.columns.keys() | map('lower') | list -%}
    {%- set missing = documented | reject('in', stored) | list -%}
    {%- set extra = stored | reject('in', documented) | list -%}
    {%- if missing or extra -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ": the stored table " ~ this ~ " was built by another version of the "
            ~ "model (" ~ ("missing " ~ missing | join(', ') if missing else "")
            ~ ("; " if missing and extra else "")
            ~ ("no longer made: " ~ extra | join(', ') if extra else "")
            ~ "). Rebuild it with --full-refresh (openprofile build … -- --full-refresh)."
        ) }}
    {%- endif -%}
    {{ return(stored) }}
{% endmacro %}
