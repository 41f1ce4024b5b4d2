{#- A statement (for a pre-hook) that creates the folder `path` with its parents when missing:
    DuckDB's COPY creates only the last folder of an export's location. -#}
{% macro ensure_directory(path) %}
    {{ return(adapter.dispatch('ensure_directory', 'openprofile')(path)) }}
{% endmacro %}

{% macro default__ensure_directory(path) -%}
    select openprofile_make_directory({{ sql_string(path) }}) as created_directory
{%- endmacro %}

{% macro spark__ensure_directory(path) -%}
    select 1 as created_directory  -- Spark's writers create the folders themselves
{%- endmacro %}
