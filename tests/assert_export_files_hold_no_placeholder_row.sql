{#- dbt-duckdb's external materialisation writes one all-NULL row when an export has no rows
    (no consenting member in any segment); an activation system would upload it as a member.
    Read the files themselves (the views over them hide that row) and fail on any row without a
    customer id, naming the export. -#}
-- depends_on: {{ ref('export_segment_members_parquet') }}
-- depends_on: {{ ref('export_segment_members_csv') }}
{%- set folder = var('export_path') | string %}
with parquet_rows as (
    select customer_id
    from read_parquet(
        {{ sql_string(folder ~ '/segment_members_parquet/*/*.parquet') }},
        hive_partitioning = true
    )
),

csv_rows as (
    select customer_id
    from read_csv(
        {{ sql_string(folder ~ '/segment_members_csv/*/*.csv') }},
        hive_partitioning = true, header = true, all_varchar = true
    )
),

placeholders as (
    select 'export_segment_members_parquet' as export_name
    from parquet_rows
    where customer_id is null
    union all
    select 'export_segment_members_csv' as export_name
    from csv_rows
    where customer_id is null
)

select
    export_name,
    count(*) as placeholder_rows
from placeholders
group by export_name
