{#- Over landed files (var shop_raw_path), the incremental event base models load each file
    once, by its name (macros/staging/landed_files.sql). A file replaced, changed or removed
    after it was loaded is not read again, so its rows in the base model would be stale: each
    such file is a failing row here, with what to do. -#}
{{ config(enabled=input_enabled('demo') and var('shop_raw_path') | string | length > 0) }}
{%- set parts = [] -%}
{%- for table_name in ['web_events', 'app_events'] -%}
    {%- set part -%}
        select
            '{{ table_name }}' as table_name,
            coalesce(in_files.load_unit, loaded.load_unit) as file_name,
            coalesce(in_files.row_count, 0) as rows_in_file,
            coalesce(loaded.row_count, 0) as rows_loaded,
            'rebuild with --full-refresh (openprofile build … -- --full-refresh): the file was '
            || case when in_files.load_unit is null then 'removed' else 'replaced or changed' end
            || ' after it was loaded' as what_to_do
        from (
            select
                {{ load_unit('raw_rows') }} as load_unit,
                count(*) as row_count
            from {{ shop_raw(table_name) }} as raw_rows
            group by {{ load_unit('raw_rows') }}
        ) as in_files
        full outer join (
            select
                load_unit,
                count(*) as row_count
            from {{ ref('base_shop__' ~ table_name) }}
            group by load_unit
        ) as loaded
            on in_files.load_unit = loaded.load_unit
        where coalesce(in_files.row_count, 0) != coalesce(loaded.row_count, 0)
    {%- endset -%}
    {%- do parts.append(part) -%}
{%- endfor %}
{{ parts | join('\nunion all\n') }}
