{#- Incremental builds that write only what changed ("sync"): int_activities_sessionized
    (ADR 0009).

    Such a model still computes its result (int_activities_sessionized only for the devices
    whose activities changed). On an incremental build over landed files it returns, through
    sync_rows(), only
      - the rows that are new or differ from the stored row of the same key (compared value by
        value: `except`, which treats NULLs as equal), and
      - the stored rows whose key is no longer in the result, unchanged, meaning "delete".
    The strategy 'sync' (get_incremental_sync_sql) then deletes the stored rows of every key it
    received and inserts the received rows, except those identical to the stored row (the
    deletions). Nothing depends on which file or time a change came from, so no look-back
    window can be too short. The table equals the full build's, row for row.

    Used where landed_files_materialization() is 'incremental' (DuckDB over landed files); over
    the seeds, on Spark and in unit tests such a model is a plain table and sync_rows() selects
    the whole result. Measured at 10M events: sync does not pay for the wide models that are
    rebuilt anyway (int_activities_unioned, attribution, fct_activities), where reading and
    comparing the stored rows costs as much as writing them.

    The rows are compared exactly, never by a hash: DuckDB's 64-bit `hash` of text collides for
    texts that differ in a few bytes (e.g. two characters eight bytes apart), so a changed row
    could have been kept stale (found by a breaker test, ADR 0010). -#}

{#- The select a sync model ends with: everything in `current` (a CTE) on a full build; on an
    incremental one, the changes against {{ this }} described above. `key` is the model's unique,
    never-NULL key. With `scope` (a SQL condition on the stored table, alias `stored`) the
    current rows are only those of a part of the table (e.g. the devices that had new activity),
    and only stored rows in that part can be deleted. -#}
{% macro sync_rows(current, key, scope=none) -%}
    {%- if is_landed_files_increment() %}
        {#- columns by name, in the stored table's order, on both sides -#}
        {%- set columns = stored_columns() %}
        {%- set current_columns = [] %}
        {%- set stored_columns_list = [] %}
        {%- for column in columns %}
            {%- do current_columns.append(current ~ '.' ~ column) %}
            {%- do stored_columns_list.append('stored.' ~ column) %}
        {%- endfor %}
        (
            select {{ current_columns | join(', ') }}
            from {{ current }}

            except

            select {{ stored_columns_list | join(', ') }}
            from {{ this }} as stored
            {%- if scope %}
                where ({{ scope }})
            {%- endif %}
        )

        union all

        select {{ stored_columns_list | join(', ') }}
        from {{ this }} as stored
        left join {{ current }}
            on stored.{{ key }} = {{ current }}.{{ key }}
        where
            {{ current }}.{{ key }} is null
            {%- if scope %}
                and ({{ scope }})
            {%- endif %}
    {%- else %}
        select * from {{ current }}
    {%- endif %}
{%- endmacro %}

{#- The incremental strategy 'sync' (dbt looks it up by this name): the received rows (see
    sync_rows) replace the stored rows of their keys; a received row identical to the stored
    one deletes it. -#}
{% macro get_incremental_sync_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- set columns_list = arg_dict['dest_columns'] | map(attribute='name') | list -%}
    {%- set columns = get_quoted_csv(columns_list) -%}
    {%- set deleted = source.incorporate(path={'identifier': source.identifier ~ '__deleted'}) -%}
    {%- if not key or key is not string -%}
        {{ exceptions.raise_compiler_error(
            model.name ~ ": the incremental strategy 'sync' needs one unique_key column."
        ) }}
    {%- endif -%}
    create or replace temporary table {{ deleted.identifier }} as
    select {{ key }}
    from (
        select {{ columns }}
        from {{ target }}
        where {{ key }} in (select {{ key }} from {{ source }})

        intersect

        select {{ columns }}
        from {{ source }}
    ) as unchanged;

    delete from {{ target }}
    where {{ key }} in (select {{ key }} from {{ source }});

    insert into {{ target }} ({{ columns }})
    select {{ columns }}
    from {{ source }}
    where {{ key }} not in (select {{ key }} from {{ deleted.identifier }});

    drop table {{ deleted.identifier }}
{%- endmacro %}
