{#- dbt-duckdb's external materialisation writes one all-NULL row when an export has no rows
    at all (no consenting member in any segment, e.g. inputs without CRM consent such as
    Snowplow or Online Retail). Partitioned by segment, that row lands in the folder
    segment_name=__HIVE_DEFAULT_PARTITION__, never in a segment's folder, so nothing wrong is
    uploaded; this test warns (naming the export) so the empty export does not go unnoticed.
    It reads the files themselves: the views over them hide that row. (Spark writes no such
    row; there it reads the export tables, which are those files.) -#}
{{ config(severity='warn') }}
-- depends_on: {{ ref('export_segment_members_parquet') }}
-- depends_on: {{ ref('export_segment_members_csv') }}
with parquet_rows as (
    select customer_id
    from {{ segment_export_files('export_segment_members_parquet', 'parquet') }}
),

csv_rows as (
    select customer_id
    from {{ segment_export_files('export_segment_members_csv', 'csv') }}
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
