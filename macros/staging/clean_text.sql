{#- Text with leading and trailing white space (including no-break space and BOM) removed;
    NULL when nothing is left. Inner characters are never touched. -#}
{% macro clean_text(column) -%}
    nullif(regexp_replace({{ column }}, '^[\s\x{00A0}\x{FEFF}]+|[\s\x{00A0}\x{FEFF}]+$', '', 'g'), '')
{%- endmacro %}
