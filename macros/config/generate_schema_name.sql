{#- Schemas are named after the layer (raw, config, staging, intermediate, marts, quality,
    segments) so a BI tool sees the architecture; each build writes its own DuckDB file,
    so the target's default schema is not needed as a prefix. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
