{#- The text at JSONPath `path` (e.g. '$[0].session_id') inside the JSON text `json_expr`;
    NULL when the path is absent or the text is not JSON. -#}
{% macro json_extract_text(json_expr, path) %}
    {{ return(adapter.dispatch('json_extract_text', 'openprofile')(json_expr, path)) }}
{% endmacro %}

{% macro default__json_extract_text(json_expr, path) -%}
    json_extract_string(try_cast({{ json_expr }} as json), '{{ path }}')
{%- endmacro %}

{% macro spark__json_extract_text(json_expr, path) -%}
    get_json_object({{ json_expr }}, '{{ path }}')
{%- endmacro %}
