{#- Text with leading and trailing white space removed (ASCII white space and control
    separators, no-break and other Unicode spaces, zero-width space, BOM, line and paragraph
    separators); NULL when nothing is left. Inner characters are never touched. -#}
{% macro clean_text(column) -%}
    {%- set space = "[\\s\\x{000B}\\x{001C}-\\x{001F}\\x{0085}\\x{00A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200B}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]" -%}
    nullif({{ replace_all(column, "'^" ~ space ~ "+|" ~ space ~ "+$'", "''") }}, '')
{%- endmacro %}
