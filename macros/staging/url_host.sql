{#- The lower-cased host of a URL ('https://www.google.com/search?q=x' → 'www.google.com');
    NULL when the text is no absolute URL. -#}
{% macro url_host(url_expr) -%}
    nullif(lower(regexp_extract({{ url_expr }}, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1)), '')
{%- endmacro %}
