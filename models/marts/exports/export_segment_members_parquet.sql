{{ config(**segment_export_config('parquet')) }}

{{ segment_export(model.name) }}
