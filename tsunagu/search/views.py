import re

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from tsunagu.accounts.access import AuthedRequest, role_required
from tsunagu.accounts.choices import CASE_ROLES, Role
from tsunagu.search.selectors import records_for_query, search_for_user

PAGE_SIZE = 20


@role_required(*CASE_ROLES, Role.MANAGER)
def search(request: AuthedRequest) -> HttpResponse:
    """検索: one box over everything the user may see."""
    query = request.GET.get("q", "").strip()[:200]
    result = None
    records = None
    if query:
        number = max(
            1,
            int(request.GET.get("page", "1"))
            if re.fullmatch(r"[0-9]{1,6}", request.GET.get("page", "1"))
            else 1,
        )
        result = search_for_user(
            user=request.user, query=query, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
        )
        pages = Paginator(range(result.pageable), PAGE_SIZE).get_page(number)
        if number == 1:
            records = records_for_query(request.user, query)
    else:
        pages = None
    context = {"query": query, "result": result, "pages": pages, "records": records}
    return render(request, "search/search.html", context)
