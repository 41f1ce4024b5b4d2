{#- The raw rows of the files behind the source `source_name`.`table_name`: `path` (a file or a
    glob) in `file_format` (csv with a header row, or parquet), every CSV column as text and
    an empty CSV field as NULL. DuckDB reads the files in place through the source's
    external_location; Spark has no table functions for files with options, so a temporary
    view over them is created first. The source is named either way, for dbt's lineage. -#}
{% macro raw_files(source_name, table_name, path, file_format) %}
    {%- set relation = source(source_name, table_name) -%}
    {{ return(adapter.dispatch('raw_files', 'openprofile')(relation, source_name, table_name, path, file_format)) }}
{% endmacro %}

{% macro default__raw_files(relation, source_name, table_name, path, file_format) %}
    {{ return(relation) }}
{% endmacro %}

{% macro spark__raw_files(relation, source_name, table_name, path, file_format) %}
    {%- set view = source_name ~ '__' ~ table_name ~ '__files' -%}
    {%- if execute -%}
        {%- set options = "path " ~ sql_string(path) -%}
        {%- if file_format == 'csv' -%}
            {%- set options = options ~ ", header 'true', inferSchema 'false', quote '\"', escape '\"', multiLine 'true', encoding 'UTF-8'" -%}
        {%- endif -%}
        {%- do run_query("create or replace temporary view " ~ view ~ " using " ~ file_format
            ~ " options (" ~ options ~ ")") -%}
    {%- endif -%}
    {{ return(view) }}
{% endmacro %}
