{#- The text `expression` (SQL) with every email address in it replaced by '[redacted-email]';
    the rest of the text is kept as it was, so a URL keeps its host, path, other query
    parameters and fragment. NULL stays NULL. Case-insensitive. An address is found
      plain          pat@example.org                  (query value, path segment, anywhere)
      URL-encoded    pat%40example.org                (@ as %40)
      encoded again  pat%2540example.org, …%252540…   (a URL passed on inside another URL)
    Local part: letters (ASCII and Latin accented, also percent-encoded as UTF-8), digits and
    . _ + -, each of + - . _ also percent-encoded (once or more: pat%2Bshop = pat+shop,
    pat%252Bshop); domain: dot-separated labels of the same letters, digits and -, dots also
    encoded (%2E), ending in a top-level domain of two or more ASCII letters.
    The address ends where the domain ends: at the end of the text or before &, #, /, ?, %26 ….
    It starts at the start of the text, after a character that cannot be in a local part
    (= / ? & …) or after a whole percent escape of one (%3D, %2F …); that character is captured
    and put back, so 'email%3Dpat%2540example.org' becomes 'email%3D[redacted-email]' and an
    encoded URL around the address stays intact (RE2 has no look-behind). A URL's user-info that
    looks like an address (https://pat@example.org/) is redacted too. The pattern has no
    backslash, so it reads the same in DuckDB (RE2) and Spark (Java) string literals; the engines
    differ in how flags and the group are written. -#}
{% macro redact_email_addresses(expression) %}
    {#- letters: ASCII and the Latin-1 / Latin Extended ranges (josé, jürgen, exämple.de);
        utf8: a percent-encoded UTF-8 character (%C3%A9 = é), lead byte then continuation
        bytes, so an encoded separator (%3D, %26) never becomes part of an address -#}
    {%- set letters = "a-z0-9À-ɏ" -%}
    {%- set utf8 = "%(25)*(c[2-9a-f]|d[0-9a-f]|e[0-9a-f]|f[0-4])(%(25)*[89ab][0-9a-f])+" -%}
    {%- set boundary = "(^|[^" ~ letters ~ "._%+-]|%(25)*[0-9a-f]{2})" -%}
    {%- set local_part = "([" ~ letters ~ "._+-]|%(25)*(2b|2d|2e|5f)|" ~ utf8 ~ ")+" -%}
    {%- set at_sign = "(@|%(25)*40)" -%}
    {%- set dot = "([.]|%(25)*2e)" -%}
    {%- set label = "([" ~ letters ~ "-]|" ~ utf8 ~ ")+" -%}
    {%- set domain = label ~ "(" ~ dot ~ label ~ ")*" ~ dot ~ "[a-z]{2,}" -%}
    {{ return(adapter.dispatch('redact_email_addresses', 'openprofile')(
        expression, boundary ~ local_part ~ at_sign ~ domain
    )) }}
{% endmacro %}

{% macro default__redact_email_addresses(expression, pattern) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '\1[redacted-email]', 'gi')
{%- endmacro %}

{% macro spark__redact_email_addresses(expression, pattern) -%}
    regexp_replace({{ expression }}, '(?iu){{ pattern }}', '$1[redacted-email]')
{%- endmacro %}
