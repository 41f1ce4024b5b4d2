{#- The marketing channel of a session from its first event, by these rules, first match wins:
      1. paid            utm_medium cpc, ppc, paid, paidsearch, paid_search, cpm, cpv, display,
                         paid_social, paidsocial, affiliate
      2. email           utm_medium email or e-mail, or utm_source newsletter or email
      3. social          utm_medium social, social-network, social-media, sm, organic_social,
                         or a referrer whose host is a social site (seeds/config/referrer_channels)
      4. organic_search  a referrer whose host is a search engine (referrer_channels)
      5. referral        any other referrer on another host than the landing page's
      6. direct          no referrer (or one from the site itself) and no campaign
    Arguments are SQL expressions: lower-cased utm values, the referrer's host, the landing
    page's host, and the referrer host's channel from referrer_channels (NULL if unlisted). -#}
{% macro marketing_channel(utm_medium, utm_source, referrer_host, landing_host, referrer_channel) -%}
    case
        when {{ utm_medium }} in (
            'cpc', 'ppc', 'paid', 'paidsearch', 'paid_search', 'cpm', 'cpv', 'display',
            'paid_social', 'paidsocial', 'affiliate'
        ) then 'paid'
        when {{ utm_medium }} in ('email', 'e-mail') or {{ utm_source }} in ('newsletter', 'email')
            then 'email'
        when {{ utm_medium }} in ('social', 'social-network', 'social-media', 'sm', 'organic_social')
            then 'social'
        when {{ referrer_channel }} is not null then {{ referrer_channel }}
        when {{ referrer_host }} is not null
            and {{ referrer_host }} != coalesce({{ landing_host }}, '') then 'referral'
        else 'direct'
    end
{%- endmacro %}
