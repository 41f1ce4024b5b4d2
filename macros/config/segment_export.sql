{#- The select of a segment export file (models/marts/exports/): one row per consenting member
    of a segment, with hashed email and phone; the raw email and phone only when the export's
    name is listed in var('exports_with_raw_pii'). `export_name` is the export model's name. -#}
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
{%- endmacro %}
