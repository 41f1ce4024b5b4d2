{#- Incremental loading of the shop's landed raw files (var shop_raw_path: a folder of Parquet
    part files per table, written once and never changed, e.g. by `openprofile generate`).

    The load unit of a raw row is the name of the file it came from (DuckDB's virtual column
    `filename`, which is not part of the row itself); with the seeds it is 'seed'. An
    incremental build types only the rows of files no earlier build loaded: the unit of
    progress is the file, never a timestamp in the data, so an event from a clock years ahead
    hides nothing that arrives later. Rows loaded before are checked and ranked again together
    with the new ones when they share a record key with a new row (a duplicate or a conflict
    across loads) or were quarantined as being in the future (is_after_build_start() is judged
    again at each build): so the table always equals a full build's. A file replaced after it
    was loaded is not seen again: rebuild with --full-refresh. -#}

{#- incremental when reading landed files, a plain table when reading the seeds (a seed is
    replaced as a whole) -#}
{% macro landed_files_materialization() %}
    {{ return('incremental' if var('shop_raw_path') | string | length > 0 else 'table') }}
{% endmacro %}

{% macro load_unit(relation_alias) -%}
    {%- if var('shop_raw_path') | string | length > 0 -%}
        parse_filename({{ relation_alias }}.filename)
    {%- else -%}
        'seed'
    {%- endif -%}
{%- endmacro %}

{#- A where clause keeping the raw rows of files no earlier build loaded (nothing on a full
    build). -#}
{#- True on an incremental build over landed files (never over the seed, nor in unit tests). -#}
{% macro is_landed_files_increment() %}
    {{ return(landed_files_materialization() == 'incremental' and is_incremental()) }}
{% endmacro %}

{% macro not_loaded_before(relation_alias) -%}
    {%- if is_landed_files_increment() -%}
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

{#- The unique key of an incrementally loaded base row: its record key, or, when that is
    missing, its file and content (never NULL, so a delete+insert never keeps a stale copy). -#}
{% macro landed_row_key(record_key) -%}
    coalesce({{ record_key }}, load_unit || ':' || {{ dbt.hash('raw_record') }})
{%- endmacro %}
