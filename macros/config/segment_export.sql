{#- The select of a segment export file (models/marts/exports/): one row per consenting member
    of a segment, with hashed email and phone; the raw email and phone only when the export's
    name is listed in var('exports_with_raw_pii'). `export_name` is the export model's name.
    Rows are ordered by segment and customer id. -#}
{% macro segment_export(export_name) -%}
    select
        segment_name,
        customer_id,
        email_sha256,
        phone_sha256,
        {%- set allowed = var('exports_with_raw_pii') -%}
        {#- a malformed var is reported by validate_configuration; here it allows nothing -#}
        {%- if allowed is iterable and allowed is not string and export_name in allowed %}
        email,
        phone,
        {%- endif %}
        entered_at
    from {{ ref('activation_audience_members') }}
    -- a total order, so that the same members give the same file, byte for byte
    order by segment_name, customer_id
{%- endmacro %}

{#- The config of a segment export file in `file_format` (parquet or csv): the files go to
    var('export_path')/segment_members_<file_format>/segment_name=<segment>/, on every engine;
    CSV files have a header and UTC times to the second ('2022-09-23 06:23:37').
    DuckDB: dbt-duckdb's external materialisation (COPY … PARTITION_BY). Spark: a table
    stored as those files (location_root; the table is named like the folder, as Spark names
    a table's folder after the table). -#}
{% macro segment_export_config(file_format) %}
    {{ return(adapter.dispatch('segment_export_config', 'openprofile')(file_format)) }}
{% endmacro %}

{% macro default__segment_export_config(file_format) %}
    {%- set options = {'partition_by': 'segment_name', 'overwrite': true} -%}
    {%- if file_format == 'csv' -%}
        {#- dbt-duckdb writes option values into COPY as they are: quote text -#}
        {%- do options.update({'timestampformat': "'%Y-%m-%d %H:%M:%S'"}) -%}
    {%- endif -%}
    {{ return({
        'materialized': 'external',
        'location': var('export_path') ~ '/segment_members_' ~ file_format,
        'format': file_format,
        'options': options,
    }) }}
{% endmacro %}

{% macro spark__segment_export_config(file_format) %}
    {%- set export_config = {
        'materialized': 'table',
        'alias': 'segment_members_' ~ file_format,
        'file_format': file_format,
        'location_root': var('export_path'),
        'partition_by': ['segment_name'],
    } -%}
    {%- if file_format == 'csv' -%}
        {%- do export_config.update({'options': {
            'header': 'true', 'timestampFormat': 'yyyy-MM-dd HH:mm:ss'}}) -%}
    {%- endif -%}
    {{ return(export_config) }}
{% endmacro %}

{#- The rows of the files of the export `export_name` (a relation expression for a from
    clause): on DuckDB the files themselves, all text, which show the placeholder row the
    views over them hide; on Spark the export's table, which is those files. -#}
{% macro segment_export_files(export_name, file_format) %}
    {{ return(adapter.dispatch('segment_export_files', 'openprofile')(export_name, file_format)) }}
{% endmacro %}

{% macro default__segment_export_files(export_name, file_format) -%}
    {%- set files = var('export_path') ~ '/segment_members_' ~ file_format ~ '/*/*.' ~ file_format -%}
    {%- if file_format == 'csv' -%}
        read_csv({{ sql_string(files) }}, hive_partitioning = true, header = true, all_varchar = true)
    {%- else -%}
        read_parquet({{ sql_string(files) }}, hive_partitioning = true)
    {%- endif -%}
{%- endmacro %}

{% macro spark__segment_export_files(export_name, file_format) -%}
    {{ ref(export_name) }}
{%- endmacro %}
