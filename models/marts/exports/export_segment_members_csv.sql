{{ config(**segment_export_config('csv')) }}

{{ segment_export(model.name) }}
