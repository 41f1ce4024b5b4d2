{{ config(
    materialized='external',
    location=var('export_path') ~ '/segment_members_csv',
    format='csv',
    options={'partition_by': 'segment_name', 'overwrite': true},
) }}

{{ segment_export(model.name) }}
