{#- Incremental loading of the shop's landed raw files (var shop_raw_path: a folder of Parquet
    part files per table, written once and never changed, e.g. by `openprofile generate`).

    The load unit of a raw row is the path of the file it came from (DuckDB's virtual column
    `filename`, which is not part of the row itself); with the seeds it is 'seed'. An
    incremental build types only the rows of files no earlier build loaded: the unit of
    progress is the file, never a timestamp in the data, so an event from a clock years ahead
    hides nothing that arrives later. Rows loaded before are checked and ranked again together
    with the new ones when they share a record key with a new row (a duplicate or a conflict
    across loads) or were quarantined as being in the future (is_after_build_start() is judged
    again at each build): so the table always equals a full build's. A file replaced after it
    was loaded is not seen again: rebuild with --full-refresh. An incremental build stops
    when a file it loaded before is gone (another folder, a removed file, or a database built
    from the seeds) and when the vars that type the rows changed (staging_settings()); the
    test assert_landed_files_are_loaded_whole fails when a file's row count changed. -#}

{#- incremental when reading landed files, a plain table when reading the seeds (a seed is
    replaced as a whole) -#}
{% macro landed_files_materialization() %}
    {{ return(adapter.dispatch('landed_files_materialization', 'openprofile')()) }}
{% endmacro %}

{% macro default__landed_files_materialization() %}
    {{ return('incremental' if var('shop_raw_path') | string | length > 0 else 'table') }}
{% endmacro %}

{#- Spark's Parquet tables have no delete+insert: landed files are rebuilt whole there. -#}
{% macro spark__landed_files_materialization() %}
    {{ return('table') }}
{% endmacro %}

{% macro load_unit(relation_alias) -%}
    {%- if var('shop_raw_path') | string | length > 0 -%}
        {{ adapter.dispatch('file_name_of_row', 'openprofile')(relation_alias) }}
    {%- else -%}
        'seed'
    {%- endif -%}
{%- endmacro %}

{#- The path of the file a row of `relation_alias` was read from. -#}
{% macro default__file_name_of_row(relation_alias) -%}
    {{ relation_alias }}.filename
{%- endmacro %}

{% macro spark__file_name_of_row(relation_alias) -%}
    input_file_name()
{%- endmacro %}

{#- A where clause keeping the raw rows of files no earlier build loaded (nothing on a full
    build). -#}
{#- True on an incremental build over landed files (never over the seed, nor in unit tests). -#}
{#- (A unit test has no `this`: its models are never incremental.) -#}
{% macro is_landed_files_increment() %}
    {{ return(
        landed_files_materialization() == 'incremental' and this is not none and is_incremental()
    ) }}
{% endmacro %}

{% macro not_loaded_before(relation_alias, table_name) -%}
    {%- if is_landed_files_increment() -%}
        {%- if execute -%}
            {%- set files = var('shop_raw_path') ~ '/' ~ table_name ~ '/*.parquet' -%}
            {%- set gone = run_query(
                "select count(*), min(load_unit) from (select distinct load_unit from " ~ this
                ~ ") as loaded where load_unit not in (select file from glob("
                ~ sql_string(files) ~ "))"
            ).rows[0] -%}
            {%- if gone[0] > 0 -%}
                {{ exceptions.raise_compiler_error(
                    this.identifier ~ ": " ~ gone[0] ~ " file(s) an earlier build loaded are not in "
                    ~ files ~ " (e.g. " ~ gone[1] ~ "): the landing folder changed, a file was "
                    ~ "removed, or this database was built from the seeds. Rebuild it with "
                    ~ "--full-refresh (openprofile build … -- --full-refresh), or use another "
                    ~ "database file."
                ) }}
            {%- endif -%}
            {#- a table from before a column was added (staging_settings) stops here -#}
            {%- do stored_columns() -%}
            {%- set earlier = run_query(
                "select distinct staging_settings from " ~ this ~ " order by all"
            ).columns[0].values() | list -%}
            {%- set earlier = earlier | reject('equalto', staging_settings()) | list -%}
            {%- if earlier -%}
                {{ exceptions.raise_compiler_error(
                    this.identifier ~ ": rows loaded earlier were typed with " ~ earlier
                    | join(' / ') ~ ", this build's vars say " ~ staging_settings() ~ ". Rows "
                    ~ "loaded earlier would keep the old judgement: rebuild with --full-refresh "
                    ~ "(openprofile build … -- --full-refresh), or set the vars back."
                ) }}
            {%- endif -%}
        {%- endif %}
        where {{ load_unit(relation_alias) }} not in (select distinct load_unit from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#- The rows to check and rank in this build: the CTE `new_rows` (typed rows, with exactly the
    columns `columns`, in that order), plus, on an incremental build, the rows loaded before
    that must be judged again with them (see above). -#}
{% macro rows_to_rank(new_rows, record_key, columns) -%}
    select {{ columns | join(', ') }} from {{ new_rows }}
    {%- if is_landed_files_increment() %}
        union all
        select {{ columns | join(', ') }}
        from {{ this }}
        where {{ record_key }} in (
            select {{ record_key }} from {{ new_rows }} where {{ record_key }} is not null
            union
            select {{ record_key }} from {{ this }}
            where quarantine_reason like '% in the future (a wrong clock)'
        )
    {%- endif %}
{%- endmacro %}

{#- The vars an incrementally loaded base row was typed with, as one text (its column
    staging_settings): a build whose vars differ stops (not_loaded_before) instead of mixing
    rows typed two ways. -#}
{% macro staging_settings() -%}
    {{ return(
        'shop_time_zone=' ~ var('shop_time_zone') ~ '; max_clock_skew_hours='
        ~ var('max_clock_skew_hours')
    ) }}
{%- endmacro %}

{#- The unique key of an incrementally loaded base row: its record key, or, when that is
    missing, its file and content (never NULL, so a delete+insert never keeps a stale copy). -#}
{% macro landed_row_key(record_key) -%}
    coalesce({{ record_key }}, load_unit || ':' || {{ dbt.hash('raw_record') }})
{%- endmacro %}
